import type { Metadata } from "next";
import { ChartFrame } from "@/components/charts/chart-frame";
import { CollapsibleFilters } from "@/components/gallery/collapsible-filters";
import { GroupTable } from "@/components/insights/group-table";
import { SelectionForm } from "@/components/insights/selection-form";
import { BytesOverTimeChart, ImagesPerDayChart, ModelChart } from "@/components/insights/stats-charts";
import { FormMessage } from "@/components/ui/form-controls";
import { requireUser } from "@/lib/auth/session/session";
import { getDb } from "@/lib/db/get-db";
import { formatBytes } from "@/lib/format/format-bytes";
import { parseImageSelection, toSelectionSearchParams } from "@/lib/images/selection/image-filter";
import { exactName } from "@/lib/images/selection/name-match";
import { loadLibraryStats } from "@/lib/insights/load-library-stats";
import { libraryStatsQuerySchema } from "@/lib/insights/stats-input";

export const metadata: Metadata = { title: "Statistics" };

export default async function StatsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser("viewer");
  const { sort: _sort, ...filter } = parseImageSelection(await searchParams);
  const result = await loadLibraryStats(getDb(), libraryStatsQuerySchema.parse(filter));
  const galleryWith = (extra: Record<string, string>) =>
    `/?${new URLSearchParams({ ...Object.fromEntries(toSelectionSearchParams({ ...filter, sort: "newest" })), ...extra })}`;
  return (
    <section className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Statistics</h1>
      <p className="text-sm text-neutral-500">
        Which model, LoRA, sampler or CFG gets approved?{" "}
        <a className="underline" href="/experiments">
          Experiments
        </a>
      </p>
      <CollapsibleFilters
        id="stats-filters"
        isFiltered={Object.values(filter).some((value) => value !== undefined)}
      >
        <SelectionForm action="/stats" filter={filter} />
      </CollapsibleFilters>
      {!result.ok ? (
        <FormMessage error={`No statistics for this view: ${result.error.message}`} />
      ) : (
        <>
          <p className="text-sm">
            {result.value.totals.images.toLocaleString("en")} live images,{" "}
            {formatBytes(result.value.totals.bytes)}. Stored (rows, trash included): originals{" "}
            {formatBytes(result.value.storage.originals.bytes)}, variants{" "}
            {formatBytes(result.value.storage.variants.bytes)}, trash{" "}
            {formatBytes(result.value.storage.trash.bytes)}.
          </p>
          <div className="grid gap-4 lg:grid-cols-2">
            <ChartFrame title="Images per day" note="by review status, last 90 days">
              <ImagesPerDayChart data={result.value.by_day} />
            </ChartFrame>
            <ChartFrame title="Bytes over time" note="running total">
              <BytesOverTimeChart data={result.value.by_day} />
            </ChartFrame>
            <ChartFrame title="Top models" note="images; a bar opens the gallery">
              <ModelChart data={result.value.by_model} measure="images" />
            </ChartFrame>
            <ChartFrame title="Approval rate per model" note="approved of decided">
              <ModelChart data={result.value.by_model} measure="approval_rate" />
            </ChartFrame>
          </div>
          <div className="grid gap-6 md:grid-cols-2">
            <GroupTable title="By status" groups={result.value.by_status} />
            <GroupTable
              title="By model"
              groups={result.value.by_model}
              hrefOf={(group) => (group.key ? galleryWith({ model: exactName(group.key) }) : null)}
            />
            <GroupTable
              title="By run"
              groups={result.value.by_run}
              hrefOf={(group) => (group.key ? galleryWith({ run: group.key }) : null)}
            />
            <GroupTable title="By generator" groups={result.value.by_generator} />
            <GroupTable title="By dataset" groups={result.value.by_dataset} />
            <GroupTable
              title="By trained-on dataset version"
              groups={result.value.by_trained_on}
              hrefOf={(group) => (group.key ? galleryWith({ trained_on: group.key }) : null)}
            />
            <GroupTable title="By week" groups={result.value.by_week} />
          </div>
          <section className="space-y-2">
            <h2 className="text-sm font-medium">Review throughput (decisions per reviewer and day)</h2>
            <ul className="text-sm">
              {result.value.review_throughput.map((row) => (
                <li key={`${row.day}-${row.reviewer}`} className="tabular-nums">
                  {row.day} · {row.reviewer} · {row.decisions}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </section>
  );
}

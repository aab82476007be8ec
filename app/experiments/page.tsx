import type { Metadata } from "next";
import { ChartFrame } from "@/components/insights/chart-frame";
import { ExperimentChart } from "@/components/insights/experiment-chart";
import { SelectionForm } from "@/components/insights/selection-form";
import { Field, Select } from "@/components/ui/form-controls";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { hasRole } from "@/lib/enums/roles";
import { parseImageSelection, toSelectionSearchParams } from "@/lib/images/selection/image-filter";
import {
  EXPERIMENT_PARAMETER_LABELS,
  EXPERIMENT_PARAMETERS,
  type ExperimentParameter,
  experimentQuerySchema,
} from "@/lib/insights/experiment-input";
import { runExperiment } from "@/lib/insights/run-experiment";

export const metadata: Metadata = { title: "Experiments" };

const percent = (value: number | null) => (value === null ? "—" : `${Math.round(value * 100)}%`);

export default async function ExperimentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("viewer");
  const params = await searchParams;
  const { sort: _sort, ...filter } = parseImageSelection(params);
  const asked = Array.isArray(params.parameter) ? params.parameter[0] : params.parameter;
  const parameter: ExperimentParameter = EXPERIMENT_PARAMETERS.find((name) => name === asked) ?? "model";
  const result = await runExperiment(getDb(), experimentQuerySchema.parse({ ...filter, parameter }));
  const selectionOf = (rowFilter: Record<string, string | number>) =>
    toSelectionSearchParams(
      parseImageSelection(Object.fromEntries(Object.entries(rowFilter).map(([k, v]) => [k, String(v)]))),
    );
  const rows = result.ok ? result.value.rows : [];
  const galleryHrefs = rows.map((row) => `/?${selectionOf(row.filter)}`);
  const canReview = hasRole(user.role, "reviewer");
  return (
    <section className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Experiments</h1>
      <p className="text-sm text-neutral-500">
        Which value of a generation parameter gets approved? Rows are ordered by the lower bound of the
        approval rate's Wilson 95% interval, so a value needs many approvals, not just a lucky few, to lead.{" "}
        <a className="underline" href="/stats">
          Statistics
        </a>
      </p>
      <SelectionForm action="/experiments" filter={filter}>
        <Field label="Compare">
          <Select name="parameter" defaultValue={parameter}>
            {EXPERIMENT_PARAMETERS.map((name) => (
              <option key={name} value={name}>
                {EXPERIMENT_PARAMETER_LABELS[name]}
              </option>
            ))}
          </Select>
        </Field>
      </SelectionForm>
      {!result.ok ? (
        <p className="text-red-500">{result.error.message}</p>
      ) : (
        <>
          <ChartFrame
            title={`Approval rate by ${EXPERIMENT_PARAMETER_LABELS[parameter]}`}
            note="with 95% interval; a bar opens the gallery"
          >
            <ExperimentChart rows={rows} hrefs={galleryHrefs} />
          </ChartFrame>
          <table className="w-full text-sm" data-testid="experiment-table">
            <thead className="text-left text-neutral-500">
              <tr>
                <th className="py-1 font-normal">{EXPERIMENT_PARAMETER_LABELS[parameter]}</th>
                <th className="py-1 text-right font-normal">Images</th>
                <th className="py-1 text-right font-normal">Approved / decided</th>
                <th className="py-1 text-right font-normal">Approval (95% interval)</th>
                <th className="py-1 text-right font-normal">Mean score</th>
                <th className="py-1 text-right font-normal">Critic agreement</th>
                <th className="py-1 font-normal" />
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-500/20">
              {rows.map((row, index) => (
                <tr key={row.value}>
                  <td className="py-1">{row.label}</td>
                  <td className="py-1 text-right tabular-nums">{row.images}</td>
                  <td className="py-1 text-right tabular-nums">
                    {row.approved} / {row.approved + row.rejected}
                  </td>
                  <td className="py-1 text-right tabular-nums">
                    {percent(row.approval_rate)}
                    {row.approval_interval
                      ? ` (${percent(row.approval_interval.low)}–${percent(row.approval_interval.high)})`
                      : ""}
                  </td>
                  <td className="py-1 text-right tabular-nums">{row.mean_score?.toFixed(2) ?? "—"}</td>
                  <td className="py-1 text-right tabular-nums">
                    {percent(row.critic_agreement)}
                    {row.critiques_compared ? ` of ${row.critiques_compared}` : ""}
                  </td>
                  <td className="py-1 pl-3">
                    <a className="underline" href={galleryHrefs[index]}>
                      Gallery
                    </a>
                    {canReview ? (
                      <a className="ml-2 underline" href={`/review?${selectionOf(row.filter)}`}>
                        Review
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

import { ChartFrame } from "@/components/charts/chart-frame";
import { parseImageSelection, toSelectionSearchParams } from "@/lib/images/selection/image-filter";
import { EXPERIMENT_PARAMETER_LABELS, type Experiment } from "@/lib/insights/experiment-input";
import { ExperimentChart } from "./experiment-chart";

const percent = (value: number | null) => (value === null ? "—" : `${Math.round(value * 100)}%`);

// A row's filter as the gallery's and review mode's query string.
const selectionOf = (rowFilter: Record<string, string | number>) =>
  toSelectionSearchParams(
    parseImageSelection(Object.fromEntries(Object.entries(rowFilter).map(([k, v]) => [k, String(v)]))),
  );

/** An experiment that ran: its interval figure and its table, each row linking to the gallery (and review). */
export function ExperimentResults({ experiment, canReview }: { experiment: Experiment; canReview: boolean }) {
  const { rows } = experiment;
  const label = EXPERIMENT_PARAMETER_LABELS[experiment.parameter];
  const galleryHrefs = rows.map((row) => `/?${selectionOf(row.filter)}`);
  return (
    <>
      <ChartFrame
        title={`Approval rate by ${label}`}
        note="the 95% interval, the dot the observed rate, best lower bound first; a row opens the gallery"
        isSized
      >
        <ExperimentChart rows={rows} hrefs={galleryHrefs} />
      </ChartFrame>
      {/* On a phone the secondary columns step aside, so the table fits the screen. */}
      <table className="w-full text-sm [overflow-wrap:anywhere]" data-testid="experiment-table">
        <thead className="text-left text-neutral-500">
          <tr>
            <th className="py-1 font-normal">{label}</th>
            <th className="hidden py-1 text-right font-normal md:table-cell">Images</th>
            <th className="py-1 text-right font-normal">Approved / decided</th>
            <th className="py-1 text-right font-normal">Approval (95% interval)</th>
            <th className="hidden py-1 text-right font-normal md:table-cell">Mean score</th>
            <th className="hidden py-1 text-right font-normal md:table-cell">Critic agreement</th>
            <th className="py-1 font-normal">
              <span className="sr-only">Open</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-500/20">
          {rows.map((row, index) => (
            <tr key={row.value}>
              <td className="py-1">{row.label}</td>
              <td className="hidden py-1 text-right tabular-nums md:table-cell">{row.images}</td>
              <td className="py-1 text-right tabular-nums">
                {row.approved} / {row.approved + row.rejected}
              </td>
              <td className="py-1 text-right tabular-nums">
                {percent(row.approval_rate)}
                {row.approval_interval
                  ? ` (${percent(row.approval_interval.low)}–${percent(row.approval_interval.high)})`
                  : ""}
              </td>
              <td className="hidden py-1 text-right tabular-nums md:table-cell">
                {row.mean_score?.toFixed(2) ?? "—"}
              </td>
              <td className="hidden py-1 text-right tabular-nums md:table-cell">
                {percent(row.critic_agreement)}
                {row.critiques_compared ? ` of ${row.critiques_compared}` : ""}
              </td>
              <td className="py-1 pl-3 [overflow-wrap:normal]">
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
  );
}

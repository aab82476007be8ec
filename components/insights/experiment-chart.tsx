import type { ExperimentRow } from "@/lib/insights/experiment-input";

const percent = (value: number) => `${Math.round(value * 100)}%`;
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * Approval rate per value drawn as its Wilson 95% interval: a whisker from the lower to the upper bound with the
 * observed rate as a point, one row per value in the rows' order (highest lower bound first). One lucky approval
 * is a dot at 100% on a whisker reaching down to 21%, never a full bar. Each row opens the gallery on its images.
 * Labels sit in their own column (above the interval on a phone), so they cannot overlap.
 */
export function ExperimentChart({ rows, hrefs }: { rows: ExperimentRow[]; hrefs: string[] }) {
  const drawn = rows.flatMap((row, index) =>
    row.approval_rate === null || !row.approval_interval
      ? []
      : [{ row, rate: row.approval_rate, interval: row.approval_interval, href: hrefs[index] ?? "/" }],
  );
  if (drawn.length === 0)
    return <p className="text-sm text-neutral-500">No decided images in this view yet.</p>;
  return (
    <div className="space-y-1 text-xs" data-testid="experiment-chart">
      <div className="grid grid-cols-1 gap-x-3 md:grid-cols-[12rem_minmax(0,1fr)_7rem]" aria-hidden="true">
        <span className="hidden md:block" />
        <div className="relative h-4 text-neutral-500">
          {TICKS.map((tick) => (
            <span
              key={tick}
              className="absolute -translate-x-1/2 first:translate-x-0 last:-translate-x-full"
              style={{ left: percent(tick) }}
            >
              {percent(tick)}
            </span>
          ))}
        </div>
      </div>
      <ol className="space-y-1">
        {drawn.slice(0, 30).map(({ row, rate, interval, href }) => {
          const decided = row.approved + row.rejected;
          const words = `${row.label}: ${percent(rate)} approved of ${decided} decided, 95% interval ${percent(interval.low)}–${percent(interval.high)}`;
          return (
            <li key={row.value} data-testid="experiment-row" data-low={interval.low}>
              <a
                href={href}
                title={words}
                aria-label={words}
                className="grid grid-cols-1 items-center gap-x-3 rounded px-1 py-0.5 hover:bg-neutral-800 md:grid-cols-[12rem_minmax(0,1fr)_7rem]"
              >
                <span className="truncate text-neutral-200">{row.label}</span>
                <span className="relative h-4">
                  <span className="absolute inset-x-0 top-1/2 h-px bg-neutral-500/30" />
                  <span
                    className="absolute top-1/2 h-0.5 -translate-y-1/2 bg-neutral-400"
                    style={{ left: percent(interval.low), width: percent(interval.high - interval.low) }}
                  />
                  <span
                    className="absolute top-0.5 h-3 w-px bg-neutral-400"
                    style={{ left: percent(interval.low) }}
                  />
                  <span
                    className="absolute top-0.5 h-3 w-px bg-neutral-400"
                    style={{ left: percent(interval.high) }}
                  />
                  <span
                    className="absolute top-1/2 size-2.5 -translate-x-1/2 -translate-y-1/2 rounded-full bg-emerald-500 ring-2 ring-neutral-950"
                    style={{ left: percent(rate) }}
                  />
                </span>
                <span className="tabular-nums text-neutral-400 md:text-right">
                  {percent(rate)} of {decided}
                </span>
              </a>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

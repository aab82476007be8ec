import { formatSelectionCount, type SelectionCount } from "@/lib/images/selection/format-count";

/** "312 of 1,204 reviewed" with a bar; a capped total ("5,000+") shows the bar against the cap. */
export function QueueProgress({ total, left }: { total: SelectionCount; left: number }) {
  const done = Math.max(0, total.count - left);
  const percent = total.count > 0 ? Math.round((done / total.count) * 100) : 100;
  return (
    <div className="flex min-w-0 items-center gap-2" data-testid="review-queue">
      <div
        role="progressbar"
        aria-label="Reviewed in this view"
        aria-valuemin={0}
        aria-valuemax={total.count}
        aria-valuenow={done}
        className="h-1.5 w-24 shrink-0 overflow-hidden rounded-full bg-neutral-800 md:w-40"
      >
        <div className="h-full bg-emerald-500" style={{ width: `${percent}%` }} />
      </div>
      <span className="truncate" data-testid="review-done">
        {formatSelectionCount({ count: done, capped: false })} of {formatSelectionCount(total)} reviewed
      </span>
    </div>
  );
}

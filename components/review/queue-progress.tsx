import { cn } from "@/components/ui/cn";
import { formatSelectionCount, type SelectionCount } from "@/lib/images/selection/format-count";

/**
 * "312 of 1,204 reviewed" with a bar; a capped total ("5,000+") shows the bar against the cap. In a leased view the
 * team's progress sits beside it: "team: 890 of 1,204 settled" (images the consensus rule has decided).
 */
export function QueueProgress({
  total,
  left,
  team,
}: {
  total: SelectionCount;
  left: number;
  team: SelectionCount | null;
}) {
  const done = Math.max(0, total.count - left);
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-1" data-testid="review-queue">
      <div className="flex min-w-0 items-center gap-2">
        <ProgressBar
          label="Reviewed by you in this view"
          done={done}
          total={total}
          className="bg-emerald-500"
        />
        <span className="truncate" data-testid="review-done">
          {formatSelectionCount({ count: done, capped: false })} of {formatSelectionCount(total)} reviewed
        </span>
      </div>
      {team ? (
        <div className="flex min-w-0 items-center gap-2 text-neutral-400">
          <ProgressBar
            label="Settled by the team in this view"
            done={team.count}
            total={total}
            className="bg-sky-500"
          />
          <span className="truncate" data-testid="team-done">
            team: {formatSelectionCount(team)} of {formatSelectionCount(total)} settled
          </span>
        </div>
      ) : null}
    </div>
  );
}

function ProgressBar(props: { label: string; done: number; total: SelectionCount; className: string }) {
  const { done, total } = props;
  const percent = total.count > 0 ? Math.min(100, Math.round((done / total.count) * 100)) : 100;
  return (
    <div
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={total.count}
      aria-valuenow={done}
      className="h-1.5 w-20 shrink-0 overflow-hidden rounded-full bg-neutral-800 md:w-32"
    >
      <div className={cn("h-full", props.className)} style={{ width: `${percent}%` }} />
    </div>
  );
}

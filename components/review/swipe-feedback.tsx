import { cn } from "@/components/ui/cn";

const MIN_DISTANCE = 50;

/**
 * On a touch screen: what a swipe on the image does (a hint line under it), and while the finger moves, the word
 * it will decide, growing as the swipe passes the distance that counts.
 */
export function SwipeHint() {
  return (
    <p className="px-2 pt-1 text-center text-xs text-neutral-400 md:hidden" data-testid="swipe-hint">
      Swipe the image: → approve · ← reject · Undo below
    </p>
  );
}

export function SwipeFeedback({ dx }: { dx: number | null }) {
  if (dx === null || Math.abs(dx) < 12) return null;
  const isApprove = dx > 0;
  const isArmed = Math.abs(dx) >= MIN_DISTANCE;
  return (
    <div
      aria-hidden="true"
      className={cn(
        "pointer-events-none absolute top-4 z-10 rounded-lg border-4 px-3 py-1 text-xl font-bold uppercase",
        isApprove ? "left-4 border-emerald-400 text-emerald-300" : "right-4 border-red-400 text-red-300",
        isArmed ? "opacity-100" : "opacity-50",
      )}
    >
      {isApprove ? "Approve" : "Reject"}
    </div>
  );
}

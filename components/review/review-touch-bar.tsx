import { cn } from "@/components/ui/cn";
import type { ReviewDecision } from "@/lib/enums/review-enums";

const BUTTONS: [ReviewDecision, string, string, string][] = [
  ["reject", "Reject", "X", "bg-red-700 text-white hover:bg-red-600"],
  ["skip", "Skip", "S", "bg-neutral-200 text-neutral-900 hover:bg-neutral-300"],
  ["approve", "Approve", "A", "bg-emerald-700 text-white hover:bg-emerald-600"],
];

/** The decisions and scores as buttons: thumb-sized on a phone, with their keys shown on a wide screen. */
export function ReviewTouchBar({
  score,
  onDecide,
  onScore,
  onTags,
  onNote,
}: {
  score: number | null;
  onDecide: (decision: ReviewDecision) => void;
  onScore: (score: number) => void;
  onTags: () => void;
  onNote: () => void;
}) {
  return (
    <div className="flex flex-col gap-2 border-t border-neutral-800 p-2" data-testid="review-buttons">
      <div className="grid grid-cols-3 gap-2">
        {BUTTONS.map(([decision, label, key, style]) => (
          <button
            key={decision}
            type="button"
            onClick={() => onDecide(decision)}
            className={cn("min-h-12 rounded-lg text-base font-semibold md:min-h-9 md:text-sm", style)}
          >
            {label} <kbd className="hidden text-xs opacity-75 md:inline">{key}</kbd>
          </button>
        ))}
      </div>
      <div className="flex gap-2">
        {[1, 2, 3, 4, 5].map((value) => (
          <button
            key={value}
            type="button"
            aria-label={`Score ${value}`}
            aria-pressed={score === value}
            onClick={() => onScore(value)}
            className={cn(
              "min-h-11 flex-1 rounded-lg border border-neutral-700 text-base md:min-h-8 md:text-sm",
              score !== null && value <= score ? "text-amber-300" : "text-neutral-400",
            )}
          >
            ★{value}
          </button>
        ))}
        <button
          type="button"
          onClick={onTags}
          className="min-h-11 flex-1 rounded-lg border border-neutral-700 md:min-h-8"
        >
          Tags <kbd className="hidden text-xs md:inline">T</kbd>
        </button>
        <button
          type="button"
          onClick={onNote}
          className="min-h-11 flex-1 rounded-lg border border-neutral-700 md:min-h-8"
        >
          Note <kbd className="hidden text-xs md:inline">N</kbd>
        </button>
      </div>
    </div>
  );
}

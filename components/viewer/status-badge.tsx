import { cn } from "@/components/ui/cn";
import type { ReviewStatus } from "@/lib/enums/image-enums";

// Shape and word as well as colour (colour alone fails colour-blind readers and grey screens). Unreviewed
// shows nothing: a hollow ring read as a checkbox, and most tiles of a morning's view are unreviewed.
const BADGES: Record<Exclude<ReviewStatus, "unreviewed">, { glyph: string; word: string; style: string }> = {
  approved: { glyph: "✓", word: "approved", style: "bg-emerald-700 text-white" },
  rejected: { glyph: "✕", word: "rejected", style: "bg-red-700 text-white" },
  // amber-400, not -300: the light theme darkens amber-300 into a text colour (app/globals.css), black on it unreadable.
  conflicting: { glyph: "!", word: "conflict", style: "bg-amber-400 text-black" },
  skipped: { glyph: "»", word: "skipped", style: "bg-neutral-200 text-neutral-900" },
};

/** The consensus status as a glyph and a word ("✓ approved"); `isCompact` keeps the glyph, the word for readers. */
export function StatusBadge({ status, isCompact = false }: { status: ReviewStatus; isCompact?: boolean }) {
  if (status === "unreviewed") {
    return (
      <span data-status={status} className="sr-only">
        unreviewed
      </span>
    );
  }
  const badge = BADGES[status];
  return (
    <span
      data-status={status}
      title={status}
      className={cn(
        "inline-flex items-center gap-0.5 rounded px-1 text-[10px] font-semibold leading-4",
        badge.style,
      )}
    >
      <span aria-hidden="true">{badge.glyph}</span>
      <span className={isCompact ? "sr-only" : undefined}>{badge.word}</span>
    </span>
  );
}

import { cn } from "@/components/ui/cn";
import type { ReviewStatus } from "@/lib/enums/image-enums";

const COLORS: Record<ReviewStatus, string> = {
  approved: "bg-emerald-500",
  rejected: "bg-red-500",
  conflicting: "bg-amber-400",
  skipped: "bg-neutral-400",
  unreviewed: "bg-transparent ring-1 ring-neutral-400",
};

/** The consensus status as a coloured dot, with the word for screen readers and tooltips. */
export function StatusDot({ status }: { status: ReviewStatus }) {
  return (
    <span title={status} className={cn("inline-block size-2.5 rounded-full", COLORS[status])}>
      <span className="sr-only">{status}</span>
    </span>
  );
}

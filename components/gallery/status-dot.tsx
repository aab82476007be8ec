import { cn } from "@/components/ui/cn";
import type { ReviewStatus } from "@/lib/images/image-enums";

const COLORS: Record<string, string> = {
  approved: "bg-emerald-500",
  rejected: "bg-red-500",
  conflicting: "bg-amber-400",
  skipped: "bg-neutral-400",
  unreviewed: "bg-transparent ring-1 ring-neutral-400",
} satisfies Record<ReviewStatus, string>;

/** The consensus status as a coloured dot, with the word for screen readers and tooltips. */
export function StatusDot({ status }: { status: string }) {
  return (
    <span
      title={status}
      className={cn("inline-block size-2.5 rounded-full", COLORS[status] ?? "bg-neutral-600")}
    >
      <span className="sr-only">{status}</span>
    </span>
  );
}

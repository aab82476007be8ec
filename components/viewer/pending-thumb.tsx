import { cn } from "@/components/ui/cn";
import type { DeriveState } from "@/lib/enums/image-enums";

/**
 * Where a thumbnail goes while a worker makes it (a quiet pulse until the page swaps the thumb in), or when the
 * original turned out not to decode: said plainly, never a broken image.
 */
export function PendingThumb({
  state,
  className,
}: {
  state: Exclude<DeriveState, "done">;
  className?: string;
}) {
  return (
    <div
      role="img"
      aria-label={state === "pending" ? "thumbnail being made" : "this image could not be decoded"}
      data-derive-state={state}
      className={cn(
        "flex items-center justify-center bg-neutral-800 text-[11px] text-neutral-400",
        state === "pending" && "animate-pulse",
        className,
      )}
    >
      {state === "failed" ? "cannot decode" : null}
    </div>
  );
}

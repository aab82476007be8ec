import { formatSelectionCount, type SelectionCount } from "@/lib/images/selection/format-count";

/** "1,204 images": streamed in after the grid (the page passes the pending count), capped so it stays cheap. */
export async function ViewCount({ count }: { count: Promise<SelectionCount> }) {
  const value = await count;
  return (
    <span data-testid="view-count" className="text-neutral-300">
      {formatSelectionCount(value)} {value.count === 1 && !value.capped ? "image" : "images"}
    </span>
  );
}

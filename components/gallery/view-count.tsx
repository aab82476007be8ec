import { formatGalleryCount, type GalleryCount } from "@/lib/gallery/format-count";

/** "1,204 images": streamed in after the grid (the page passes the pending count), capped so it stays cheap. */
export async function ViewCount({ count }: { count: Promise<GalleryCount> }) {
  const value = await count;
  return (
    <span data-testid="view-count" className="text-neutral-300">
      {formatGalleryCount(value)} {value.count === 1 && !value.capped ? "image" : "images"}
    </span>
  );
}

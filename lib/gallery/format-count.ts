/** A count made up to a cap: `capped` means "at least `count`". */
export type GalleryCount = { count: number; capped: boolean };

export function formatGalleryCount({ count, capped }: GalleryCount): string {
  return `${count.toLocaleString("en-US")}${capped ? "+" : ""}`;
}

// Client-safe leaf: the audit's histograms, the workbench filter and their SQL (size-bucket-sql.ts) share these.

/** Aspect-ratio buckets as trainers bucket images (width:height), narrowest first. */
export const ASPECT_BUCKETS = [
  "9:21",
  "9:16",
  "2:3",
  "3:4",
  "4:5",
  "1:1",
  "5:4",
  "4:3",
  "3:2",
  "16:9",
  "21:9",
] as const;
export type AspectBucket = (typeof ASPECT_BUCKETS)[number];

export const aspectRatioOf = (bucket: AspectBucket) => {
  const [width, height] = bucket.split(":").map(Number);
  return (width ?? 1) / (height ?? 1);
};

/** Resolution buckets by the shorter side, in pixels: [from, to). */
export const SHORT_SIDE_BUCKETS = [
  { label: "under 512 px", from: 0, to: 512 },
  { label: "512–767 px", from: 512, to: 768 },
  { label: "768–1023 px", from: 768, to: 1024 },
  { label: "1024–1535 px", from: 1024, to: 1536 },
  { label: "1536 px and more", from: 1536, to: null },
] as const;

/** Below this on the shorter side a trainer upscales the image: the audit warns. */
export const SMALL_SHORT_SIDE = 512;
/** An aspect bucket with fewer images than this trains on tiny batches: the audit warns. */
export const THIN_BUCKET_IMAGES = 3;

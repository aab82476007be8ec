import { z } from "zod";
import { storableString } from "@/lib/zod/storable";

export const GALLERY_STATUSES = [
  "unreviewed_me",
  "unreviewed",
  "approved",
  "rejected",
  "skipped",
  "conflicting",
] as const;
export const GALLERY_SORTS = ["newest", "oldest", "score"] as const;
export type GallerySort = (typeof GALLERY_SORTS)[number];

// A shared URL with one bad field still shows the view: the bad field is dropped, not the page.
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const score = lenient(z.coerce.number().min(0).max(5));

/** The gallery's filters and sort, exactly as they appear in the URL (`/?model=…&q=…`, `/review?…`). */
export const galleryQuerySchema = z.object({
  status: lenient(z.enum(GALLERY_STATUSES)),
  run: lenient(z.uuid()),
  model: lenient(storableString().trim().min(1).max(500)),
  lora: lenient(storableString().trim().min(1).max(500)),
  tag: lenient(z.uuid()),
  score_min: score,
  score_max: score,
  from: lenient(z.iso.date()),
  to: lenient(z.iso.date()),
  q: lenient(storableString().trim().min(1).max(500)),
  sort: z.enum(GALLERY_SORTS).catch("newest").default("newest"),
});
export type GalleryQuery = z.output<typeof galleryQuerySchema>;

const FIELDS = [
  "status",
  "run",
  "model",
  "lora",
  "tag",
  "score_min",
  "score_max",
  "from",
  "to",
  "q",
  "sort",
] as const;

/** Reads the filters from Next's searchParams (repeated keys: the first wins); never throws. */
export function parseGalleryQuery(params: Record<string, string | string[] | undefined>): GalleryQuery {
  const first = Object.fromEntries(
    FIELDS.map((field) => {
      const value = params[field];
      const text = Array.isArray(value) ? value[0] : value;
      return [field, text === "" ? undefined : text];
    }),
  );
  return galleryQuerySchema.parse(first);
}

/** The URL form of a query, leaving out defaults, so links between gallery, review and compare keep the view. */
export function toGallerySearchParams(query: GalleryQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    const value = query[field];
    if (value === undefined || (field === "sort" && value === "newest")) continue;
    params.set(field, String(value));
  }
  return params;
}

export function hasGalleryFilter(query: GalleryQuery): boolean {
  return FIELDS.some((field) => field !== "sort" && query[field] !== undefined);
}

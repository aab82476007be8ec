import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { datasetImages } from "@/lib/db/schema";

// The SQL side of splitTags (lib/datasets/caption-tags.ts): split at every comma, trim spaces only, drop empties.
// caption-tag-sql.test.ts holds the two to the same answers.

/** The caption holds this tag. */
export function hasCaptionTag(tag: string): SQL {
  return sql`exists (select 1 from unnest(string_to_array(${datasetImages.caption}, ',')) as part(raw)
    where btrim(part.raw, ' ') = ${tag})`;
}

/** One row per (image, distinct tag) of the caption: the source of the vocabulary's counts. */
export const captionTagsLateral = sql`lateral (select distinct btrim(part.raw, ' ') as tag
    from unnest(string_to_array(${datasetImages.caption}, ',')) as part(raw)
    where btrim(part.raw, ' ') <> '') as caption_tag`;

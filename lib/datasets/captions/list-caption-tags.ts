import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { datasetImages, images } from "@/lib/db/schema";
import { ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";
import { captionTagsLateral } from "../caption-tag-sql";
import { getDatasetRow } from "../find-dataset";
import { memberConditions } from "../member-conditions";
import type { memberFilterSchema } from "../member-filter";

export const listCaptionTagsQuerySchema = z
  .object({
    /** Only tags containing this text (any case). */
    contains: storableString().trim().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type ListCaptionTagsQuery = z.output<typeof listCaptionTagsQuerySchema>;

type CaptionTagCount = { tag: string; count: number };
export type CaptionVocabulary = { items: CaptionTagCount[]; distinct_tags: number; captions: number };

const TAG_PREVIEW_CHARS = 200;

/**
 * The dataset's caption tags (comma-separated parts) with how many captions hold each, most used first: one SQL
 * aggregate, bounded by `limit`, whatever the dataset's size. `filter` counts over the members a workbench view shows.
 */
export async function listCaptionTags(
  db: Database,
  datasetId: string,
  query: ListCaptionTagsQuery,
  filter: z.output<typeof memberFilterSchema> = {},
): Promise<Result<CaptionVocabulary>> {
  const dataset = await getDatasetRow(db, datasetId);
  if (!dataset.ok) return dataset;
  const count = sql<number>`count(*)::int`;
  const tag = sql<string>`caption_tag.tag`;
  const contains = query.contains
    ? sql`strpos(lower(caption_tag.tag), lower(${query.contains})) > 0`
    : undefined;
  const rows = db
    .select({
      tag: sql<string>`left(${tag}, ${TAG_PREVIEW_CHARS})`,
      count,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(datasetImages)
    .innerJoin(images, eq(images.id, datasetImages.imageId))
    .innerJoin(captionTagsLateral, sql`true`)
    .where(and(memberConditions(dataset.value.id, filter), contains))
    .groupBy(tag)
    .orderBy(desc(count), tag)
    .limit(query.limit);
  const captions = db
    .select({ count })
    .from(datasetImages)
    .innerJoin(images, eq(images.id, datasetImages.imageId))
    .where(
      and(memberConditions(dataset.value.id, filter), sql`coalesce(${datasetImages.caption}, '') <> ''`),
    );
  const [tagRows, [captioned]] = await Promise.all([rows, captions]);
  return ok({
    items: tagRows.map((row) => ({ tag: row.tag, count: row.count })),
    distinct_tags: tagRows[0]?.total ?? 0,
    captions: captioned?.count ?? 0,
  });
}

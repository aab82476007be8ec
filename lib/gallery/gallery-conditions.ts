import "server-only";
import { and, eq, gte, isNull, lt, lte, type SQL, sql } from "drizzle-orm";
import { images, imageTags, reviewReasons, reviews } from "@/db/schema";
import { modelKey } from "@/lib/metadata/model-key";
import type { GalleryQuery } from "./gallery-query";

const DAY_MS = 86_400_000;

/** "Not yet decided by this reviewer": the anti-join served by reviews_reviewer_id_image_id_idx. */
export function undecidedBy(reviewerId: string): SQL {
  return sql`not exists (select 1 from ${reviews} where ${reviews.imageId} = ${images.id}
    and ${reviews.reviewerId} = ${reviewerId} and ${reviews.decision} is not null)`;
}

/**
 * The WHERE of a gallery view for `viewerId` (live images only); each filter narrows. `undecidedByViewer` keeps
 * only what the viewer has not decided yet (review mode's "left" and where it starts).
 */
export function galleryConditions(
  query: GalleryQuery,
  viewerId: string,
  options: { undecidedByViewer?: boolean } = {},
): SQL {
  const conditions: (SQL | undefined)[] = [
    isNull(images.deletedAt),
    options.undecidedByViewer ? undecidedBy(viewerId) : undefined,
    query.status === "unreviewed_me"
      ? undecidedBy(viewerId)
      : query.status
        ? eq(images.reviewStatus, query.status)
        : undefined,
    query.run ? eq(images.runId, query.run) : undefined,
    query.model ? eq(images.modelKey, modelKey(query.model) ?? query.model) : undefined,
    query.lora
      ? sql`${images.loras} @> ${JSON.stringify([{ key: modelKey(query.lora) ?? query.lora }])}::jsonb`
      : undefined,
    query.tag
      ? sql`(exists (select 1 from ${imageTags} where ${imageTags.imageId} = ${images.id} and ${imageTags.tagId} = ${query.tag})
          or exists (select 1 from ${reviewReasons} join ${reviews} on ${reviews.id} = ${reviewReasons.reviewId}
            where ${reviews.imageId} = ${images.id} and ${reviewReasons.tagId} = ${query.tag}))`
      : undefined,
    query.score_min !== undefined ? gte(images.scoreAvg, query.score_min) : undefined,
    query.score_max !== undefined ? lte(images.scoreAvg, query.score_max) : undefined,
    query.from ? gte(images.createdAt, new Date(`${query.from}T00:00:00Z`)) : undefined,
    query.to ? lt(images.createdAt, new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS)) : undefined,
    query.q ? sql`${images.promptSearch} @@ websearch_to_tsquery('simple', ${query.q})` : undefined,
  ];
  return and(...conditions) ?? sql`true`;
}

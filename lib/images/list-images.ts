import "server-only";
import { and, eq, gte, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { critiques, images, imageTags, REVIEW_STATUSES, tags } from "@/db/schema";
import { err, ok, type Result } from "@/lib/http/errors";
import { modelKey } from "@/lib/metadata/model-key";
import type { Storage } from "@/lib/storage/storage";
import { storableString } from "@/lib/zod/storable";
import { type ImageRecord, loadImageRecords, signImageUrls } from "./image-record";
import { decodeKeysetCursor, encodeKeysetCursor } from "./keyset-cursor";

export const listImagesQuerySchema = z
  .object({
    run: z.uuid("run must be a run id").optional(),
    model: storableString().min(1).max(500).optional(),
    status: z.enum(REVIEW_STATUSES).optional(),
    tag: storableString().min(1).max(100).optional(),
    q: storableString().trim().min(1).max(500).optional(),
    created_after: z.iso
      .datetime({ offset: true, message: "created_after must be an ISO 8601 date-time" })
      .optional(),
    created_before: z.iso
      .datetime({ offset: true, message: "created_before must be an ISO 8601 date-time" })
      .optional(),
    missing_critic: storableString()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: "Only images this critic has never scored (any version): how a critic resumes" }),
    cursor: storableString().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200, "limit must be at most 200").default(50),
  })
  .strict();
export type ListImagesQuery = z.output<typeof listImagesQuerySchema>;

/** Newest first, live images only, keyset-paginated on (created_at, id): deep pages cost what the first does. */
export async function listImages(
  deps: { db: Database; storage: Storage },
  query: ListImagesQuery,
): Promise<Result<{ items: (ImageRecord & { thumb_url: string })[]; next_cursor: string | null }>> {
  const cursor = query.cursor ? decodeKeysetCursor(query.cursor) : null;
  // The key is cast to timestamptz in SQL: anything else must be refused here, not fail there.
  if (query.cursor && (!cursor || Number.isNaN(Date.parse(cursor.key)))) {
    return err("invalid_request", "cursor is not one this API returned");
  }
  const conditions: (SQL | undefined)[] = [
    isNull(images.deletedAt),
    query.run ? eq(images.runId, query.run) : undefined,
    query.model ? eq(images.modelKey, modelKey(query.model) ?? query.model) : undefined,
    query.status ? eq(images.reviewStatus, query.status) : undefined,
    query.q ? sql`${images.promptSearch} @@ websearch_to_tsquery('simple', ${query.q})` : undefined,
    query.created_after ? gte(images.createdAt, new Date(query.created_after)) : undefined,
    query.created_before ? lte(images.createdAt, new Date(query.created_before)) : undefined,
    query.tag
      ? sql`exists (select 1 from ${imageTags} join ${tags} on ${tags.id} = ${imageTags.tagId}
          where ${imageTags.imageId} = ${images.id} and lower(${tags.name}) = lower(${query.tag}))`
      : undefined,
    query.missing_critic
      ? sql`not exists (select 1 from ${critiques} where ${critiques.imageId} = ${images.id}
          and ${critiques.critic} = ${query.missing_critic})`
      : undefined,
    cursor
      ? or(
          lt(images.createdAt, sql`${cursor.key}::timestamptz`),
          and(eq(images.createdAt, sql`${cursor.key}::timestamptz`), lt(images.id, cursor.id)),
        )
      : undefined,
  ];
  const rows = await deps.db
    .select({ image: images, cursorAt: sql<string>`${images.createdAt}::text` })
    .from(images)
    .where(and(...conditions))
    // Spelled like images_created_at_id_idx (DESC NULLS LAST): Postgres only walks an index whose null order matches.
    .orderBy(sql`${images.createdAt} desc nulls last`, sql`${images.id} desc nulls last`)
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const records = await loadImageRecords(
    deps.db,
    page.map((row) => row.image),
  );
  const items = await Promise.all(
    records.map(async (record) => ({
      ...record,
      thumb_url: (await signImageUrls(deps.storage, record)).thumb,
    })),
  );
  const last = page.at(-1);
  const hasMore = rows.length > query.limit;
  return ok({
    items,
    next_cursor: hasMore && last ? encodeKeysetCursor({ key: last.cursorAt, id: last.image.id }) : null,
  });
}

import "server-only";
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { images, imageTags, REVIEW_STATUSES, runs, tags } from "@/db/schema";
import { modelKey } from "@/lib/metadata/model-key";
import { storableString } from "@/lib/zod/storable";

/** A saved gallery filter a dataset can be built from; every field narrows, none means "all live images". */
export const datasetFilterSchema = z
  .object({
    status: z.enum(REVIEW_STATUSES).optional(),
    tag: storableString().trim().min(1).max(100).optional(),
    model: storableString().min(1).max(500).optional(),
    /** A run id or name. */
    run: storableString().trim().min(1).max(200).optional(),
  })
  .strict();
export type DatasetFilter = z.output<typeof datasetFilterSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CaptionSource = { id: string; prompt: string | null; params: Record<string, unknown> };

/** The live (not deleted, bytes present) images a filter selects, oldest first. */
export async function selectImagesByFilter(db: Queryable, filter: DatasetFilter): Promise<CaptionSource[]> {
  const conditions: (SQL | undefined)[] = [
    isNull(images.deletedAt),
    eq(images.objectState, "present"),
    filter.status ? eq(images.reviewStatus, filter.status) : undefined,
    filter.model ? eq(images.modelKey, modelKey(filter.model) ?? filter.model) : undefined,
    filter.run
      ? UUID.test(filter.run)
        ? eq(images.runId, filter.run)
        : sql`${images.runId} in (select ${runs.id} from ${runs} where ${runs.name} = ${filter.run})`
      : undefined,
    filter.tag
      ? sql`exists (select 1 from ${imageTags} join ${tags} on ${tags.id} = ${imageTags.tagId}
          where ${imageTags.imageId} = ${images}."id" and lower(${tags.name}) = lower(${filter.tag}))`
      : undefined,
  ];
  return db
    .select({ id: images.id, prompt: images.prompt, params: images.params })
    .from(images)
    .where(and(...conditions))
    .orderBy(images.createdAt, images.id);
}

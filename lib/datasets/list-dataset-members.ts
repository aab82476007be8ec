import "server-only";
import { asc, eq, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { datasetImages, images } from "@/lib/db/schema";
import { ok, type Result } from "@/lib/result";
import { MAX_CAPTION_CHARS } from "./caption-from-prompt";
import { getDatasetRow } from "./find-dataset";
import { memberConditions } from "./member-conditions";
import { memberFilterSchema } from "./member-filter";

const MEMBERS_PAGE_SIZE = 40;

export const listDatasetMembersQuerySchema = memberFilterSchema
  .extend({ page: z.coerce.number().int().min(1).max(100_000).default(1) })
  .strict();
export type ListDatasetMembersQuery = z.output<typeof listDatasetMembersQuerySchema>;

export type DatasetMember = {
  image_id: string;
  sha256: string;
  caption: string;
  /** A person typed this caption (bulk steps ask before they overwrite it). */
  hand_edited: boolean;
  review_status: string;
  width: number;
  height: number;
};
export type DatasetMemberPage = {
  items: DatasetMember[];
  /** Members the filter selects, over all pages. */
  total: number;
  page: number;
  page_count: number;
  page_size: number;
  revision: number;
};

/**
 * One page of a dataset's members under a workbench filter, in the order they were added: at most 40 rows (each
 * caption at most its cap), so a page weighs the same for 67 images or 5,000.
 */
export async function listDatasetMembers(
  db: Database,
  datasetId: string,
  query: ListDatasetMembersQuery,
): Promise<Result<DatasetMemberPage>> {
  const dataset = await getDatasetRow(db, datasetId);
  if (!dataset.ok) return dataset;
  const { page, ...filter } = query;
  const where = memberConditions(dataset.value.id, filter);
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        imageId: datasetImages.imageId,
        sha256: images.sha256,
        caption: sql<string>`left(coalesce(${datasetImages.caption}, ''), ${MAX_CAPTION_CHARS})`,
        handEdited: isNotNull(datasetImages.captionEditedAt),
        reviewStatus: images.reviewStatus,
        width: images.width,
        height: images.height,
      })
      .from(datasetImages)
      .innerJoin(images, eq(images.id, datasetImages.imageId))
      .where(where)
      .orderBy(asc(datasetImages.addedAt), asc(images.sha256))
      .limit(MEMBERS_PAGE_SIZE)
      .offset((page - 1) * MEMBERS_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(datasetImages)
      .innerJoin(images, eq(images.id, datasetImages.imageId))
      .where(where),
  ]);
  const total = counted?.total ?? 0;
  return ok({
    items: rows.map((row) => ({
      image_id: row.imageId,
      sha256: row.sha256,
      caption: row.caption,
      hand_edited: Boolean(row.handEdited),
      review_status: row.reviewStatus,
      width: row.width,
      height: row.height,
    })),
    total,
    page,
    page_count: Math.max(1, Math.ceil(total / MEMBERS_PAGE_SIZE)),
    page_size: MEMBERS_PAGE_SIZE,
    revision: dataset.value.revision,
  });
}

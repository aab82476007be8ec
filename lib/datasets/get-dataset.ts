import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { datasetImages, datasetVersions, images } from "@/lib/db/schema";
import { isTextCut, textPreview } from "@/lib/images/preview/list-preview";
import { PREVIEW_LIMITS } from "@/lib/images/preview/list-preview-limits";
import { err, ok, type Result } from "@/lib/result";
import { findDataset } from "./find-dataset";

export type DatasetDetail = {
  id: string;
  name: string;
  description: string | null;
  filter: Record<string, unknown> | null;
  created_at: string;
  images: {
    image_id: string;
    sha256: string;
    caption: string;
    /** A preview (lib/images/list-preview.ts); prompt_truncated says when the prompt is longer. */
    prompt: string | null;
    prompt_truncated: boolean;
    review_status: string;
  }[];
  versions: { version: number; image_count: number; note: string | null; created_at: string }[];
};

export type DatasetHeader = Omit<DatasetDetail, "images">;

/** A dataset by id or name with its frozen versions, newest first, without its images (the workbench pages them). */
export async function getDatasetHeader(db: Database, reference: string): Promise<Result<DatasetHeader>> {
  const dataset = await findDataset(db, reference);
  if (!dataset) return err("not_found", `Dataset ${reference} does not exist`);
  const versions = await db
    .select()
    .from(datasetVersions)
    .where(eq(datasetVersions.datasetId, dataset.id))
    .orderBy(desc(datasetVersions.version));
  return ok({
    id: dataset.id,
    name: dataset.name,
    description: dataset.description,
    filter: dataset.filter ?? null,
    created_at: dataset.createdAt.toISOString(),
    versions: versions.map((version) => ({
      version: version.version,
      image_count: version.imageCount,
      note: version.note,
      created_at: version.createdAt.toISOString(),
    })),
  });
}

/** A dataset by id or name, with its images (in the order they were added) and its frozen versions. */
export async function getDataset(db: Database, reference: string): Promise<Result<DatasetDetail>> {
  const header = await getDatasetHeader(db, reference);
  if (!header.ok) return header;
  const members = await db
    .select({
      imageId: datasetImages.imageId,
      caption: datasetImages.caption,
      sha256: images.sha256,
      prompt: textPreview(images.prompt, PREVIEW_LIMITS.prompt),
      promptTruncated: isTextCut(images.prompt, PREVIEW_LIMITS.prompt),
      reviewStatus: images.reviewStatus,
    })
    .from(datasetImages)
    .innerJoin(images, eq(images.id, datasetImages.imageId))
    .where(eq(datasetImages.datasetId, header.value.id))
    .orderBy(asc(datasetImages.addedAt), asc(images.sha256));
  return ok({
    ...header.value,
    images: members.map((member) => ({
      image_id: member.imageId,
      sha256: member.sha256,
      caption: member.caption ?? "",
      prompt: member.prompt,
      prompt_truncated: member.promptTruncated,
      review_status: member.reviewStatus,
    })),
  });
}

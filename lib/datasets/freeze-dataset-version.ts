import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/lib/db/client";
import {
  type DatasetImageSnapshot,
  datasetImages,
  datasets,
  datasetVersionImages,
  datasetVersions,
  images,
  imageTags,
  tags,
} from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";
import { storedCaption } from "./caption-source";
import { staleRevision } from "./dataset-revision";

export const freezeDatasetVersionSchema = z
  .object({
    note: storableString().max(2000).optional(),
    /** The revision the audit was made at: 409 if members or captions changed since, so what was checked is frozen. */
    expected_revision: z.number().int().min(0).optional(),
  })
  .strict();
export type FreezeDatasetVersionInput = z.output<typeof freezeDatasetVersionSchema>;

export type FrozenVersion = { dataset_id: string; version: number; image_count: number };

const INSERT_BATCH = 500;

/**
 * Freezes the dataset's current images and captions into version max+1, with a snapshot of each image's
 * generation metadata and review state. Ordered by sha256, named `<sha256[0:16]>.<ext>`, so an export of the
 * version is the same bytes every time. Refuses deleted images or images whose bytes are lost (`conflict`).
 */
export async function freezeDatasetVersion(
  db: Database,
  datasetId: string,
  input: FreezeDatasetVersionInput,
  createdBy: string | null = null,
): Promise<Result<FrozenVersion>> {
  return db.transaction(async (tx) => {
    // The dataset's row lock makes concurrent freezes take turns for the next number.
    const [dataset] = await tx.select().from(datasets).where(eq(datasets.id, datasetId)).for("update");
    if (!dataset) return err("not_found", `Dataset ${datasetId} does not exist`);
    if (input.expected_revision !== undefined && dataset.revision !== input.expected_revision) {
      return staleRevision(dataset.revision);
    }
    const members = await tx
      .select({ caption: storedCaption(datasetImages.caption), image: images })
      .from(datasetImages)
      .innerJoin(images, eq(images.id, datasetImages.imageId))
      .where(eq(datasetImages.datasetId, datasetId))
      .orderBy(asc(images.sha256))
      // A purge of a member removed meanwhile waits for the version rows, then sees the image is frozen.
      .for("key share", { of: images });
    if (members.length === 0)
      return err("invalid_request", `Dataset ${dataset.name} has no images to freeze`);
    const unusable = members.filter(({ image }) => image.deletedAt || image.objectState !== "present");
    if (unusable.length > 0) {
      return err(
        "conflict",
        `${unusable.length} image(s) are deleted or have lost their bytes; remove them from the dataset first`,
        { image_ids: unusable.map(({ image }) => image.id) },
      );
    }
    const reasons = await loadReasons(
      tx,
      members.map(({ image }) => image.id),
    );
    const [latest] = await tx
      .select({ version: sql<number | null>`max(${datasetVersions.version})` })
      .from(datasetVersions)
      .where(eq(datasetVersions.datasetId, datasetId));
    const [version] = await tx
      .insert(datasetVersions)
      .values({
        datasetId,
        version: (latest?.version ?? 0) + 1,
        imageCount: members.length,
        note: input.note ?? null,
        createdBy,
      })
      .returning();
    if (!version) throw new Error("dataset version insert returned no row");
    const entries = members.map(({ caption, image }, position) => ({
      versionId: version.id,
      position,
      imageId: image.id,
      sha256: image.sha256,
      objectKey: image.objectKey,
      fileName: `${image.sha256.slice(0, 16)}.${image.objectKey.split(".").pop()}`,
      caption,
      snapshot: {
        prompt: image.prompt,
        negative_prompt: image.negativePrompt,
        seed: image.seed,
        model: image.model,
        loras: image.loras,
        review_status: image.reviewStatus,
        reasons: reasons.get(image.id) ?? [],
        width: image.width,
        height: image.height,
        byte_size: image.byteSize,
        content_type: image.contentType,
      } satisfies DatasetImageSnapshot,
    }));
    for (let start = 0; start < entries.length; start += INSERT_BATCH) {
      await tx.insert(datasetVersionImages).values(entries.slice(start, start + INSERT_BATCH));
    }
    return ok({ dataset_id: datasetId, version: version.version, image_count: members.length });
  });
}

/** Reason tags (approve/reject reasons) per image, sorted by name. */
async function loadReasons(tx: Transaction, imageIds: string[]): Promise<Map<string, string[]>> {
  const byImage = new Map<string, string[]>();
  for (let start = 0; start < imageIds.length; start += INSERT_BATCH) {
    const rows = await tx
      .select({ imageId: imageTags.imageId, name: tags.name })
      .from(imageTags)
      .innerJoin(tags, eq(tags.id, imageTags.tagId))
      .where(
        and(
          inArray(imageTags.imageId, imageIds.slice(start, start + INSERT_BATCH)),
          inArray(tags.kind, ["reject_reason", "approve_reason"]),
        ),
      )
      .orderBy(asc(tags.name));
    for (const row of rows) byImage.set(row.imageId, [...(byImage.get(row.imageId) ?? []), row.name]);
  }
  return byImage;
}

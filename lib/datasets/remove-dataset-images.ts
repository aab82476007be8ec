import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { datasetImages } from "@/lib/db/schema";
import { ok, type Result } from "@/lib/result";
import { bumpDatasetRevision, lockDatasetForChange } from "./dataset-revision";

export const removeDatasetImagesSchema = z
  .object({
    image_ids: z.array(z.uuid()).min(1).max(10_000),
    /** The revision the person looked at: 409 if the dataset changed since. */
    expected_revision: z.number().int().min(0).optional(),
  })
  .strict();
export type RemoveDatasetImagesInput = z.output<typeof removeDatasetImagesSchema>;

/**
 * Takes images out of a dataset (frozen versions keep them). Removing an absent image is not an error. Under the
 * dataset's lock, so a freeze holds the images as they were before the removal or after it, never half of it, and
 * with `expected_revision` the removal acts only on the dataset the person looked at.
 */
export async function removeDatasetImages(
  db: Database,
  datasetId: string,
  input: RemoveDatasetImagesInput,
): Promise<Result<{ removed: number; revision: number }>> {
  return db.transaction(async (tx) => {
    const locked = await lockDatasetForChange(tx, datasetId, input.expected_revision);
    if (!locked.ok) return locked;
    const removed = await tx
      .delete(datasetImages)
      .where(and(eq(datasetImages.datasetId, datasetId), inArray(datasetImages.imageId, input.image_ids)))
      .returning({ imageId: datasetImages.imageId });
    const revision = removed.length > 0 ? await bumpDatasetRevision(tx, datasetId) : locked.value.revision;
    return ok({ removed: removed.length, revision });
  });
}

import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { datasetImages } from "@/db/schema";
import { fencedWrite } from "@/lib/db/request-fence";
import { ok, type Result } from "@/lib/result";
import { getDatasetRow } from "./find-dataset";

export const removeDatasetImagesSchema = z
  .object({ image_ids: z.array(z.uuid()).min(1).max(10_000) })
  .strict();
export type RemoveDatasetImagesInput = z.output<typeof removeDatasetImagesSchema>;

/** Takes images out of a dataset (frozen versions keep them). Removing an absent image is not an error. */
export async function removeDatasetImages(
  db: Database,
  datasetId: string,
  input: RemoveDatasetImagesInput,
): Promise<Result<{ removed: number }>> {
  const dataset = await getDatasetRow(db, datasetId);
  if (!dataset.ok) return dataset;
  const removed = await fencedWrite(db, (q) =>
    q
      .delete(datasetImages)
      .where(and(eq(datasetImages.datasetId, datasetId), inArray(datasetImages.imageId, input.image_ids)))
      .returning({ imageId: datasetImages.imageId }),
  );
  return ok({ removed: removed.length });
}

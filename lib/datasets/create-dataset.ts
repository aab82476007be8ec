import "server-only";
import { TransactionRollbackError } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { datasets } from "@/lib/db/schema";
import type { ImageFilter } from "@/lib/images/selection/image-filter";
import { err, ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";
import { addDatasetImages, filterShape, imageIdsShape } from "./add-dataset-images";

const datasetFields = {
  name: z
    .string()
    .trim()
    .min(1, "name is required")
    .max(200)
    // The CLI addresses datasets by name or id; a name that looks like a uuid would be ambiguous.
    .refine((name) => !z.uuid().safeParse(name).success, "name must not be a UUID"),
  description: storableString().max(5000).optional(),
};
/** A name, and the images as explicit ids or a saved filter. */
export const createDatasetSchema = z.union([
  z.object({ ...datasetFields, ...imageIdsShape }).strict(),
  z.object({ ...datasetFields, ...filterShape }).strict(),
]);
export type CreateDatasetInput = z.output<typeof createDatasetSchema>;

export type DatasetSummary = { id: string; name: string; description: string | null; image_count: number };

/** A dataset and its images in one transaction; a filter is saved with it so the UI can show where it came from. */
export async function createDataset(
  db: Database,
  input: CreateDatasetInput,
  createdBy: string | null = null,
): Promise<Result<DatasetSummary>> {
  const filter: ImageFilter | null = "filter" in input ? input.filter : null;
  let rejected: Result<never> | null = null;
  try {
    return await db.transaction(async (tx) => {
      const [dataset] = await tx
        .insert(datasets)
        .values({ name: input.name, description: input.description ?? null, filter, createdBy })
        .onConflictDoNothing({ target: datasets.name })
        .returning();
      if (!dataset) return err("conflict", `A dataset named "${input.name}" already exists`);
      const added = await addDatasetImages(tx, dataset.id, input);
      if (!added.ok) {
        rejected = added;
        tx.rollback();
      }
      return ok({
        id: dataset.id,
        name: dataset.name,
        description: dataset.description,
        image_count: added.ok ? added.value.added : 0,
      });
    });
  } catch (error) {
    if (error instanceof TransactionRollbackError && rejected) return rejected;
    throw error;
  }
}

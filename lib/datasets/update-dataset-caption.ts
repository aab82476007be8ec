import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { datasetImages } from "@/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";
import { tidyCaption } from "./caption-from-prompt";

export const updateDatasetCaptionSchema = z.object({ caption: storableString().max(10_000) }).strict();
export type UpdateDatasetCaptionInput = z.output<typeof updateDatasetCaptionSchema>;

/** Edits one image's caption in a dataset; frozen versions keep the caption they were frozen with. */
export async function updateDatasetCaption(
  db: Database,
  target: { datasetId: string; imageId: string },
  input: UpdateDatasetCaptionInput,
): Promise<Result<{ image_id: string; caption: string }>> {
  const caption = tidyCaption(input.caption);
  const [row] = await db
    .update(datasetImages)
    .set({ caption })
    .where(and(eq(datasetImages.datasetId, target.datasetId), eq(datasetImages.imageId, target.imageId)))
    .returning({ imageId: datasetImages.imageId });
  if (!row) return err("not_found", `Image ${target.imageId} is not in dataset ${target.datasetId}`);
  return ok({ image_id: row.imageId, caption });
}

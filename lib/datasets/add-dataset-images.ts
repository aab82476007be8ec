import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/lib/db/client";
import { datasetImages, images } from "@/lib/db/schema";
import { imageFilterSchema } from "@/lib/images/selection/image-filter";
import { err, ok, type Result } from "@/lib/result";
import { type CaptionSource, captionSourceColumns, defaultCaption } from "./caption-source";
import { selectImagesByFilter } from "./dataset-filter";
import { bumpDatasetRevision, lockDatasetForChange } from "./dataset-revision";

/** Images come either as explicit ids or from a saved filter. */
export const imageIdsShape = { image_ids: z.array(z.uuid()).min(1).max(10_000) };
export const filterShape = { filter: imageFilterSchema };
export const datasetImageSelectionSchema = z.union([
  z.object(imageIdsShape).strict(),
  z.object(filterShape).strict(),
]);
export type DatasetImageSelection = z.output<typeof datasetImageSelectionSchema>;

const INSERT_BATCH = 1000;

/**
 * Adds images with a caption made from each prompt (or the imported sidecar caption). Images already in the
 * dataset keep their caption. Explicit ids must name live images; a filter selects live images only.
 */
export async function addDatasetImages(
  db: Queryable,
  datasetId: string,
  selection: DatasetImageSelection,
): Promise<Result<{ added: number }>> {
  // One transaction, and the images read FOR KEY SHARE: a purge of one of them (cleanup of an old rejected image)
  // either committed before the read, and it is not found, or waits for this insert and then sees the membership.
  return db.transaction(async (tx) => {
    const locked = await lockDatasetForChange(tx, datasetId);
    if (!locked.ok) return locked;
    const sources = await selectSources(tx, selection);
    if (!sources.ok) return sources;
    let added = 0;
    for (let start = 0; start < sources.value.length; start += INSERT_BATCH) {
      const rows = sources.value.slice(start, start + INSERT_BATCH).map((source) => ({
        datasetId,
        imageId: source.id,
        caption: defaultCaption(source),
      }));
      const inserted = await tx
        .insert(datasetImages)
        .values(rows)
        .onConflictDoNothing()
        .returning({ imageId: datasetImages.imageId });
      added += inserted.length;
    }
    if (added > 0) await bumpDatasetRevision(tx, datasetId);
    return ok({ added });
  });
}

/** The live images the selection names, locked against a purge until the transaction ends. */
async function selectSources(
  tx: Queryable,
  selection: DatasetImageSelection,
): Promise<Result<CaptionSource[]>> {
  if ("filter" in selection) return selectImagesByFilter(tx, selection.filter);
  const ids = [...new Set(selection.image_ids)];
  const sources = await tx
    .select(captionSourceColumns)
    .from(images)
    .where(and(inArray(images.id, ids), isNull(images.deletedAt), eq(images.objectState, "present")))
    .for("key share");
  const found = new Set(sources.map((source) => source.id));
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length > 0) {
    return err(
      "invalid_request",
      `${unknown.length} image(s) do not exist, are deleted or have lost their bytes`,
      { image_ids: unknown },
    );
  }
  return ok(sources);
}

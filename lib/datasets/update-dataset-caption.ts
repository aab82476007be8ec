import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { datasetImages } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";
import { MAX_CAPTION_CHARS, tidyCaption } from "./caption-from-prompt";
import { finishCaptionChange, startCaptionChange, writeCaptionBatch } from "./captions/caption-writes";
import { bumpDatasetRevision, lockDatasetForChange } from "./dataset-revision";

export const updateDatasetCaptionSchema = z
  .object({
    caption: storableString().max(
      MAX_CAPTION_CHARS,
      `a caption holds at most ${MAX_CAPTION_CHARS} characters`,
    ),
    /** The caption the editor started from: when given, the save only lands if nobody changed it since. */
    expected_caption: storableString().max(MAX_CAPTION_CHARS).optional(),
  })
  .strict();
export type UpdateDatasetCaptionInput = z.output<typeof updateDatasetCaptionSchema>;

/**
 * Edits one image's caption in a dataset, as typed by a person (bulk steps then ask before they overwrite it);
 * frozen versions keep the caption they were frozen with. With `expected_caption` the caption itself is the
 * version: a box opened before "Apply to all" (or another reviewer's save) gets a conflict instead of writing its
 * stale text back. Recorded in the caption's history, so it can be undone.
 */
export async function updateDatasetCaption(
  db: Database,
  target: { datasetId: string; imageId: string },
  input: UpdateDatasetCaptionInput,
  createdBy: string | null = null,
): Promise<Result<{ image_id: string; caption: string; change_id: string | null }>> {
  const caption = tidyCaption(input.caption);
  const member = and(
    eq(datasetImages.datasetId, target.datasetId),
    eq(datasetImages.imageId, target.imageId),
  );
  return db.transaction(async (tx) => {
    const locked = await lockDatasetForChange(tx, target.datasetId);
    if (!locked.ok) return locked;
    const [current] = await tx
      .select({
        caption: sql<string>`coalesce(${datasetImages.caption}, '')`,
        editedAt: datasetImages.captionEditedAt,
      })
      .from(datasetImages)
      .where(member)
      .for("update");
    if (!current) return err("not_found", `Image ${target.imageId} is not in dataset ${target.datasetId}`);
    if (input.expected_caption !== undefined && current.caption !== input.expected_caption) {
      return err(
        "conflict",
        "This caption was changed after you opened it; the box now shows the newer caption — edit that and save again",
        { caption: current.caption },
      );
    }
    if (current.caption === caption) return ok({ image_id: target.imageId, caption, change_id: null });
    const changeId = await startCaptionChange(tx, {
      datasetId: target.datasetId,
      kind: "edit",
      summary: "caption edited",
      createdBy,
    });
    const write = { imageId: target.imageId, before: current.caption, after: caption };
    await writeCaptionBatch(tx, { datasetId: target.datasetId, changeId }, [
      { ...write, editedAtBefore: current.editedAt, editedAtAfter: new Date() },
    ]);
    await finishCaptionChange(tx, changeId, 1);
    await bumpDatasetRevision(tx, target.datasetId);
    return ok({ image_id: target.imageId, caption, change_id: changeId });
  });
}

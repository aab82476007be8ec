import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/lib/db/client";
import { datasetCaptionChanges, datasetCaptionEdits, datasetImages } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { bumpDatasetRevision, lockDatasetForChange } from "../dataset-revision";
import {
  type CaptionWrite,
  finishCaptionChange,
  startCaptionChange,
  writeCaptionBatch,
} from "./caption-writes";

export const undoCaptionChangeSchema = z
  .object({
    /** Only this image's caption (its history's "restore"); the change stays undoable for the others. */
    image_id: z.uuid().optional(),
  })
  .strict();
export type UndoCaptionChangeInput = z.output<typeof undoCaptionChangeSchema>;

export type UndoneChange = {
  restored: number;
  /** Captions changed again since (or images removed): left as they are now. */
  skipped: number;
  /** The undo is a change too: undo it to redo. Null when nothing was restored. */
  change_id: string | null;
};

const BATCH = 500;

/**
 * Puts back the captions a change wrote, in one transaction: each only where the caption is still what the change
 * made it (compare-and-set on the locked row), so an undo never overwrites a later edit. A whole change is undone
 * once (a second undo is a conflict); the undo is recorded as a change of its own.
 */
export async function undoCaptionChange(
  db: Database,
  target: { datasetId: string; changeId: string },
  input: UndoCaptionChangeInput,
  createdBy: string | null = null,
): Promise<Result<UndoneChange>> {
  return db.transaction(async (tx) => {
    const locked = await lockDatasetForChange(tx, target.datasetId);
    if (!locked.ok) return locked;
    const [change] = await tx
      .select()
      .from(datasetCaptionChanges)
      .where(
        and(
          eq(datasetCaptionChanges.id, target.changeId),
          eq(datasetCaptionChanges.datasetId, target.datasetId),
        ),
      )
      .for("update");
    if (!change) return err("not_found", `Caption change ${target.changeId} does not exist in this dataset`);
    if (change.undoneBy && !input.image_id) return err("conflict", "This change was undone already");
    const touched = input.image_id ? await countEdits(tx, change.id, input.image_id) : change.imageCount;
    if (touched === 0) {
      return err("not_found", `Caption change ${target.changeId} did not change image ${input.image_id}`);
    }
    const undoId = await startCaptionChange(tx, {
      datasetId: target.datasetId,
      kind: "undo",
      summary: `undo: ${change.summary}`.slice(0, 1000),
      createdBy,
    });
    let restored = 0;
    for (let after: string | null = null; ; ) {
      const rows = await tx
        .select({
          imageId: datasetCaptionEdits.imageId,
          before: datasetCaptionEdits.before,
          after: datasetCaptionEdits.after,
          editedAtBefore: datasetCaptionEdits.editedAtBefore,
          current: sql<string>`coalesce(${datasetImages.caption}, '')`,
          editedAt: datasetImages.captionEditedAt,
        })
        .from(datasetCaptionEdits)
        // Inner: an image removed from the dataset since has no caption to restore.
        .innerJoin(
          datasetImages,
          and(
            eq(datasetImages.datasetId, datasetCaptionEdits.datasetId),
            eq(datasetImages.imageId, datasetCaptionEdits.imageId),
          ),
        )
        .where(
          and(
            eq(datasetCaptionEdits.changeId, change.id),
            input.image_id ? eq(datasetCaptionEdits.imageId, input.image_id) : undefined,
            after ? gt(datasetCaptionEdits.imageId, after) : undefined,
          ),
        )
        .orderBy(asc(datasetCaptionEdits.imageId))
        .limit(BATCH)
        .for("update", { of: datasetImages });
      const writes: CaptionWrite[] = rows
        .filter((row) => row.current === row.after)
        .map((row) => ({
          imageId: row.imageId,
          before: row.after,
          after: row.before,
          editedAtBefore: row.editedAt,
          editedAtAfter: row.editedAtBefore,
        }));
      await writeCaptionBatch(tx, { datasetId: target.datasetId, changeId: undoId }, writes);
      restored += writes.length;
      after = rows.at(-1)?.imageId ?? null;
      if (!after || rows.length < BATCH) break;
    }
    if (restored === 0) {
      // Nothing to put back (every caption changed since): no empty "undo" in the dataset's change list.
      await tx.delete(datasetCaptionChanges).where(eq(datasetCaptionChanges.id, undoId));
      return ok({ restored, skipped: touched, change_id: null });
    }
    await finishCaptionChange(tx, undoId, restored);
    if (!input.image_id) {
      await tx
        .update(datasetCaptionChanges)
        .set({ undoneBy: undoId })
        .where(eq(datasetCaptionChanges.id, change.id));
    }
    await bumpDatasetRevision(tx, target.datasetId);
    return ok({ restored, skipped: touched - restored, change_id: undoId });
  });
}

async function countEdits(tx: Queryable, changeId: string, imageId: string): Promise<number> {
  const rows = await tx
    .select({ imageId: datasetCaptionEdits.imageId })
    .from(datasetCaptionEdits)
    .where(and(eq(datasetCaptionEdits.changeId, changeId), eq(datasetCaptionEdits.imageId, imageId)));
  return rows.length;
}

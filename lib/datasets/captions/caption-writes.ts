import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { datasetCaptionChanges, datasetCaptionEdits, datasetImages } from "@/lib/db/schema";
import type { CaptionChangeKind } from "@/lib/enums/caption-change-kinds";

export type CaptionChangeStart = {
  datasetId: string;
  kind: CaptionChangeKind;
  summary: string;
  createdBy: string | null;
};

/** One caption a change writes: what it was, what it becomes, and whether a person typed it (edited_at). */
export type CaptionWrite = {
  imageId: string;
  before: string;
  after: string;
  editedAtBefore: Date | null;
  editedAtAfter: Date | null;
};

/** The change's row, first (its edits refer to it); its image count is set by `finishCaptionChange`. */
export async function startCaptionChange(tx: Queryable, change: CaptionChangeStart): Promise<string> {
  const [row] = await tx
    .insert(datasetCaptionChanges)
    .values({ ...change, imageCount: 0 })
    .returning({ id: datasetCaptionChanges.id });
  if (!row) throw new Error("caption change insert returned no row");
  return row.id;
}

/**
 * Writes a batch of captions (rows the caller holds locked) and their history: two statements for the whole
 * batch, whatever its size up to a few thousand, never one per caption.
 */
export async function writeCaptionBatch(
  tx: Queryable,
  target: { datasetId: string; changeId: string },
  writes: CaptionWrite[],
): Promise<void> {
  if (writes.length === 0) return;
  const values = sql.join(
    writes.map(
      (write) =>
        sql`(${write.imageId}::uuid, ${write.after}::text, ${write.editedAtAfter?.toISOString() ?? null}::timestamptz)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`update ${datasetImages}
    set caption = v.caption, caption_edited_at = v.edited_at
    from (values ${values}) as v(image_id, caption, edited_at)
    where ${datasetImages.datasetId} = ${target.datasetId} and ${datasetImages.imageId} = v.image_id`);
  await tx.insert(datasetCaptionEdits).values(
    writes.map((write) => ({
      changeId: target.changeId,
      datasetId: target.datasetId,
      imageId: write.imageId,
      before: write.before,
      after: write.after,
      editedAtBefore: write.editedAtBefore,
    })),
  );
}

/** Sets the change's count; a change that wrote nothing is removed, so the history lists only real changes. */
export async function finishCaptionChange(
  tx: Queryable,
  changeId: string,
  imageCount: number,
): Promise<void> {
  if (imageCount === 0) {
    await tx.delete(datasetCaptionChanges).where(eq(datasetCaptionChanges.id, changeId));
    return;
  }
  await tx.update(datasetCaptionChanges).set({ imageCount }).where(eq(datasetCaptionChanges.id, changeId));
}

import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { datasetImages } from "@/db/schema";
import { fencedWrite } from "@/lib/db/request-fence";
import { err, ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";
import { MAX_CAPTION_CHARS, tidyCaption } from "./caption-from-prompt";

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
 * Edits one image's caption in a dataset; frozen versions keep the caption they were frozen with. With
 * `expected_caption` the caption itself is the version: a box opened before "Apply to all" (or another
 * reviewer's save) gets a conflict instead of writing its stale text back.
 */
export async function updateDatasetCaption(
  db: Database,
  target: { datasetId: string; imageId: string },
  input: UpdateDatasetCaptionInput,
): Promise<Result<{ image_id: string; caption: string }>> {
  const caption = tidyCaption(input.caption);
  const member = and(
    eq(datasetImages.datasetId, target.datasetId),
    eq(datasetImages.imageId, target.imageId),
  );
  const unchanged =
    input.expected_caption === undefined
      ? undefined
      : sql`coalesce(${datasetImages.caption}, '') = ${input.expected_caption}`;
  const [row] = await fencedWrite(db, (q) =>
    q
      .update(datasetImages)
      .set({ caption })
      .where(and(member, unchanged))
      .returning({ imageId: datasetImages.imageId }),
  );
  if (row) return ok({ image_id: row.imageId, caption });
  const [current] = await db.select({ caption: datasetImages.caption }).from(datasetImages).where(member);
  if (!current) return err("not_found", `Image ${target.imageId} is not in dataset ${target.datasetId}`);
  return err(
    "conflict",
    "This caption was changed after you opened it; the box now shows the newer caption — edit that and save again",
    { caption: current.caption ?? "" },
  );
}

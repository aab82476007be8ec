import "server-only";
import { and, asc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import type { ImageContentType } from "@/lib/images/file-format/image-types";
import { IMAGE_EXTENSIONS } from "@/lib/images/file-format/image-types";
import { checkViewerFor, imageConditions } from "@/lib/images/selection/image-conditions";
import { imageFilterSchema } from "@/lib/images/selection/image-filter";
import { err, ok, type Result } from "@/lib/result";
import { MAX_HANDOFF_IDS_IN_LINK } from "./handoff-limits";

// A handoff is one archive or folder; past this many images a narrower filter (a day, a model) is asked for.
export const MAX_HANDOFF_IMAGES = 10_000;

/** What to hand off: the images a filter selects (the one image selection), or a gallery selection by id. */
export const handoffSelectionSchema = z.union([
  z.object({ image_ids: z.array(z.uuid()).min(1).max(MAX_HANDOFF_IMAGES) }).strict(),
  z.object({ filter: imageFilterSchema }).strict(),
]);
export type HandoffSelection = z.output<typeof handoffSelectionSchema>;

export type HandoffImage = {
  id: string;
  sha256: string;
  objectKey: string;
  byteSize: number;
  ext: string;
  createdAt: Date;
  model: string | null;
};

/**
 * The live images with their bytes in the bucket that the selection names, oldest first (so a handoff lists
 * them in the order they were made). Ids that name no such image are refused, as a dataset refuses them.
 */
export async function listHandoffImages(
  db: Queryable,
  selection: HandoffSelection,
  viewerId: string | null,
): Promise<Result<HandoffImage[]>> {
  let where: SQL;
  if ("filter" in selection) {
    const checked = checkViewerFor(selection.filter, viewerId);
    if (!checked.ok) return checked;
    where = imageConditions(checked.value, { viewerId });
  } else {
    where = and(isNull(images.deletedAt), inArray(images.id, [...new Set(selection.image_ids)])) as SQL;
  }
  const rows = await db
    .select({
      id: images.id,
      sha256: images.sha256,
      objectKey: images.objectKey,
      byteSize: images.byteSize,
      contentType: images.contentType,
      createdAt: images.createdAt,
      model: images.model,
    })
    .from(images)
    .where(and(where, eq(images.objectState, "present")))
    .orderBy(asc(images.createdAt), asc(images.id))
    .limit(MAX_HANDOFF_IMAGES + 1);
  if (rows.length > MAX_HANDOFF_IMAGES) {
    return err(
      "invalid_request",
      `The selection holds more than ${MAX_HANDOFF_IMAGES} images; narrow it (a day, a model, a run)`,
    );
  }
  if ("image_ids" in selection) {
    const found = new Set(rows.map((row) => row.id));
    const unknown = [...new Set(selection.image_ids)].filter((id) => !found.has(id));
    if (unknown.length > 0) {
      return err(
        "invalid_request",
        `${unknown.length} image(s) do not exist, are deleted or have lost their bytes`,
        { image_ids: unknown },
      );
    }
  }
  if (rows.length === 0) return err("invalid_request", "The selection holds no images");
  return ok(
    rows.map(({ contentType, ...row }) => ({
      ...row,
      ext: IMAGE_EXTENSIONS[contentType as ImageContentType][0],
    })),
  );
}

/**
 * The selection as a query string (the API's GET, the gallery's download link): the image filter's fields, or
 * `ids` (comma-separated) for a gallery selection.
 */
export const handoffQueryFields = imageFilterSchema
  .extend({
    ids: z
      .string()
      .max(MAX_HANDOFF_IDS_IN_LINK * 37)
      .transform((text) => text.split(",").filter((id) => id !== ""))
      .pipe(z.array(z.uuid("ids must be image ids, comma-separated")).min(1).max(MAX_HANDOFF_IDS_IN_LINK))
      .optional()
      .describe(
        `Image ids, comma-separated (at most ${MAX_HANDOFF_IDS_IN_LINK}); instead of the filter fields`,
      ),
  })
  .strict();
export const handoffQuerySchema = handoffQueryFields.transform(
  ({ ids, ...filter }): HandoffSelection => (ids ? { image_ids: ids } : { filter }),
);

import "server-only";
import { and, eq } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { checkViewerFor, imageConditions } from "@/lib/images/selection/image-conditions";
import type { ImageFilter } from "@/lib/images/selection/image-filter";
import { ok, type Result } from "@/lib/result";
import { type CaptionSource, captionSourceColumns } from "./caption-source";

/**
 * The images a saved filter selects (the one image selection, so the set the gallery shows for it), oldest
 * first, minus those whose bytes are missing: a dataset can only hold images it can export. A saved filter has
 * no viewer, so it cannot say "unreviewed by me".
 */
export async function selectImagesByFilter(
  db: Queryable,
  filter: ImageFilter,
): Promise<Result<CaptionSource[]>> {
  const checked = checkViewerFor(filter, null);
  if (!checked.ok) return checked;
  return ok(
    await db
      .select(captionSourceColumns)
      .from(images)
      .where(and(imageConditions(filter, { viewerId: null }), eq(images.objectState, "present")))
      .orderBy(images.createdAt, images.id)
      // In the adding transaction: a purge of a selected image waits, then sees it is in a dataset.
      .for("key share"),
  );
}

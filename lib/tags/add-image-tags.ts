import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images, imageTags, tags } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";

/** Labels live images with a tag (bulk action); images already carrying it are left as they are. */
export async function addImageTags(
  db: Queryable,
  actor: { id: string },
  input: { imageIds: string[]; tagId: string },
): Promise<Result<{ added: number }>> {
  // One transaction, tag and images read FOR KEY SHARE: a tag deleted or an image purged meanwhile either went
  // first (and is not found) or waits for this insert; never a foreign-key error.
  return db.transaction(async (tx) => {
    const [tag] = await tx
      .select({ id: tags.id })
      .from(tags)
      .where(eq(tags.id, input.tagId))
      .for("key share");
    if (!tag) return err("not_found", "That tag no longer exists");
    const live = await tx
      .select({ id: images.id })
      .from(images)
      .where(and(inArray(images.id, input.imageIds), isNull(images.deletedAt)))
      .for("key share");
    if (live.length === 0) return ok({ added: 0 });
    const inserted = await tx
      .insert(imageTags)
      .values(live.map((image) => ({ imageId: image.id, tagId: input.tagId, addedBy: actor.id })))
      .onConflictDoNothing()
      .returning({ imageId: imageTags.imageId });
    return ok({ added: inserted.length });
  });
}

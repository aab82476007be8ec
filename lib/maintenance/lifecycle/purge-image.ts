import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { images, imageVariants } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/auth/audit";
import { err, ok, type Result } from "@/lib/http/errors";
import { variantKey } from "@/lib/storage/keys";
import { deleteObject, listObjects } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";
import { findPurgeBlockers } from "./find-purge-blockers";

export type PurgedImage = { id: string; sha256: string; objects_removed: number };

/**
 * Removes an image for good: its objects (original and every variant), then its rows (variants, reviews, tags
 * cascade). Refuses (`conflict`) approved images and images in any dataset or frozen version. The row stays locked
 * meanwhile, so nobody can add it to a dataset halfway. If an object delete fails, nothing is removed from the
 * database; the objects already gone make the row `missing` for the doctor, and a retry finishes the job.
 */
export async function purgeImage(
  deps: { db: Database; storage: Storage },
  id: string,
  actor: AuditActor,
): Promise<Result<PurgedImage>> {
  return deps.db.transaction(async (tx) => {
    const [image] = await tx.select().from(images).where(eq(images.id, id)).for("update");
    if (!image) return err("not_found", `Image ${id} does not exist`);
    const blockers = await findPurgeBlockers(tx, id);
    if (blockers.length > 0) {
      return err("conflict", `Image ${id} is protected: ${blockers.join(", ")}`, { reasons: blockers });
    }
    const variantRows = await tx
      .select({ objectKey: imageVariants.objectKey })
      .from(imageVariants)
      .where(eq(imageVariants.imageId, id));
    // Variants named by no row (a failed regeneration) live under the same prefix: the listing finds them too.
    const prefix = variantKey(image.sha256, "thumb").replace(/thumb\.webp$/, "");
    const keys = new Set([image.objectKey, ...variantRows.map((variant) => variant.objectKey)]);
    for await (const object of listObjects(deps.storage, prefix)) keys.add(object.key);
    for (const key of keys) {
      const removed = await deleteObject(deps.storage, key);
      if (!removed.ok) return removed;
    }
    await tx.delete(images).where(eq(images.id, id));
    // The audit event commits with the delete: a purge is never unrecorded.
    await recordAuditEvent(tx, {
      actor,
      action: "image.purge",
      targetType: "image",
      targetId: id,
      details: { sha256: image.sha256, object_key: image.objectKey, objects_removed: keys.size },
    });
    return ok({ id, sha256: image.sha256, objects_removed: keys.size });
  });
}

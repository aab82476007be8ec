import "server-only";
import { eq, getTableColumns, isNotNull, type SQL, sql } from "drizzle-orm";
import { type AuditActor, recordAuditEvent } from "@/lib/auth/audit";
import type { Database } from "@/lib/db/client";
import { images, imageVariants } from "@/lib/db/schema";
import { claimSha256, isClaimHeld, releaseClaim } from "@/lib/images/ingest/sha256-claim";
import { removeObjects } from "@/lib/images/ingest/store-image-objects";
import { log } from "@/lib/logger";
import { err, ok, type Result } from "@/lib/result";
import { variantsPrefix } from "@/lib/storage/keys";
import { listObjects } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";
import { type CleanupPolicy, isStillDue } from "./cleanup-policy";
import { findPurgeBlockers } from "./find-purge-blockers";

export type PurgedImage = { id: string; sha256: string; objects_removed: number };

/**
 * Removes a deleted image for good: its rows (variants, reviews, tags cascade), then its objects (original and
 * every variant). Refuses (`conflict`) an image that is not deleted (soft delete first), approved images, images in
 * any dataset or frozen version, and an image posted again since the purge looked at it (that post was answered
 * "duplicate" and restored it, naming this image). `policy` (a cleanup policy) asks instead that the image is
 * still due under that policy and unprotected (isStillDue). Every condition is read again after the image's row
 * lock is taken, in the transaction that deletes it, by a statement of its own (so its subqueries see every write
 * committed before the lock was granted): a decision, undo, restore or dataset membership either commits first
 * (and keeps the image) or waits for the purge and finds no image. Runs under the sha256 claim, so an ingest of the
 * same bytes waits until the objects are gone (see sha256-claim.ts); no transaction is open while objects are
 * removed. An object that cannot be removed is an orphan for the doctor, never a row without its object.
 */
export async function purgeImage(
  deps: { db: Database; storage: Storage },
  id: string,
  actor: AuditActor,
  options: { policy?: CleanupPolicy } = {},
): Promise<Result<PurgedImage>> {
  const [row] = await deps.db
    .select({ sha256: images.sha256, lastPostedAt: images.lastPostedAt })
    .from(images)
    .where(eq(images.id, id));
  if (!row) return err("not_found", `Image ${id} does not exist`);
  const seen = { sha256: row.sha256, lastPostedAt: row.lastPostedAt };
  const claim = await claimSha256(deps.db, seen.sha256, "purge");
  if (!claim.ok) return claim;
  try {
    const removed = await deps.db.transaction(async (tx): Promise<Result<string[]>> => {
      if (!(await isClaimHeld(tx, claim.value))) return err("conflict", "The purge lost its claim; retry");
      const [image] = await tx
        .select(getTableColumns(images))
        .from(images)
        .where(eq(images.id, id))
        .for("update");
      if (!image) return err("not_found", `Image ${id} does not exist`);
      // A new statement, after the lock: its snapshot holds every write that committed while the purge waited.
      const [due] = await tx.execute<{ is_due: boolean }>(
        sql`select ${purgeCondition(options)} as is_due from ${images} where ${images.id} = ${id}`,
      );
      if (!due?.is_due) {
        return err(
          "conflict",
          options.policy
            ? `Image ${id} is no longer due for cleanup (reviewed, restored or posted again since it was listed)`
            : `Image ${id} is not deleted: delete it first, then purge it`,
        );
      }
      if (image.lastPostedAt.getTime() !== seen.lastPostedAt.getTime()) {
        return err(
          "conflict",
          `Image ${id} was posted again while the purge waited; purge again to remove it`,
        );
      }
      const blockers = await findPurgeBlockers(tx, id);
      if (blockers.length > 0) {
        return err("conflict", `Image ${id} is protected: ${blockers.join(", ")}`, { reasons: blockers });
      }
      const variantRows = await tx
        .select({ objectKey: imageVariants.objectKey })
        .from(imageVariants)
        .where(eq(imageVariants.imageId, id));
      await tx.delete(images).where(eq(images.id, id));
      // The audit event commits with the delete: a purge is never unrecorded.
      await recordAuditEvent(tx, {
        actor,
        action: "image.purge",
        targetType: "image",
        targetId: id,
        details: { sha256: image.sha256, object_key: image.objectKey },
      });
      return ok([image.objectKey, ...variantRows.map((variant) => variant.objectKey)]);
    });
    if (!removed.ok) return removed;
    const keys = new Set(removed.value);
    // Variants named by no row (a failed regeneration) live under the same prefix: the listing finds them too.
    const prefix = variantsPrefix(seen.sha256);
    try {
      for await (const object of listObjects(deps.storage, prefix)) keys.add(object.key);
    } catch (error) {
      // The rows are gone already; what the listing would have found is left for the doctor.
      log.warn({ err: error, sha256: seen.sha256 }, "could not list an image's variants while purging");
    }
    await removeObjects(deps.storage, [...keys]);
    return ok({ id, sha256: seen.sha256, objects_removed: keys.size });
  } finally {
    await releaseClaim(deps.db, claim.value).catch(() => {});
  }
}

/** What must still hold where the purge acts: in the trash, or (for a cleanup policy) still due and unprotected. */
function purgeCondition(options: { policy?: CleanupPolicy }): SQL {
  return options.policy ? isStillDue(options.policy) : (isNotNull(images.deletedAt) as SQL);
}

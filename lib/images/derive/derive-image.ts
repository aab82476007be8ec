import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Config } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { log } from "@/lib/logger";
import { variantKey } from "@/lib/storage/keys";
import { getObjectBytes } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";
import { claimSha256, consumeClaim, releaseClaim } from "../ingest/sha256-claim";
import { storeImageObjects } from "../ingest/store-image-objects";
import { bandColumns } from "../similar/perceptual-hash";
import { type DecodedImage, makeVariants } from "./make-variants";
import { upsertVariantRows } from "./upsert-variant-rows";

export type DeriveDeps = { db: Database; storage: Storage; limits: Config["limits"] };
/** derived: done now; failed: the original does not decode (recorded on the row); skipped: nothing to do. */
export type DeriveOutcome = "derived" | "failed" | "skipped";

/**
 * An image's derived work, after its row committed: decode the stored original once, then its variants,
 * placeholder and perceptual hash. Idempotent and safe to run twice at once (a retried job, the doctor beside a
 * worker): the objects are content-addressed, and the row changes only while it is still pending. Variant objects
 * are written under the image's sha256 claim, so a purge of the image waits, and lists them after (no orphan).
 * Throws when it should run again later (the bucket or the database did not answer); an original that does not
 * decode is no reason to retry: it is recorded on the row (derive_state 'failed').
 */
export async function deriveImage(deps: DeriveDeps, imageId: string): Promise<DeriveOutcome> {
  const [image] = await deps.db
    .select({ id: images.id, sha256: images.sha256, objectKey: images.objectKey, state: images.deriveState })
    .from(images)
    .where(and(eq(images.id, imageId), eq(images.objectState, "present")));
  if (image?.state !== "pending") return "skipped";
  const original = await getObjectBytes(deps.storage, image.objectKey, {
    maxBytes: deps.limits.maxUploadBytes,
  });
  // A missing original is the doctor's finding (missing_object); a re-upload repairs it and queues this again.
  if (!original.ok && original.error.code === "not_found") return "skipped";
  if (!original.ok) throw new Error(`original unreadable: ${original.error.message}`);
  if (createHash("sha256").update(original.value).digest("hex") !== image.sha256) {
    return markFailed(deps, image.id, "The stored original does not match its sha256");
  }
  const decoded = await makeVariants(original.value, { maxPixels: deps.limits.maxImagePixels });
  if (!decoded.ok) return markFailed(deps, image.id, decoded.error.message);
  return storeDerived(deps, image, decoded.value);
}

async function storeDerived(
  deps: DeriveDeps,
  image: { id: string; sha256: string },
  decoded: DecodedImage,
): Promise<DeriveOutcome> {
  const claim = await claimSha256(deps.db, image.sha256, "derive");
  if (!claim.ok) throw new Error(claim.error.message);
  let isConsumed = false;
  try {
    // Under the claim no purge runs: a row still here now stays until the commit below.
    const [current] = await deps.db
      .select({ state: images.deriveState })
      .from(images)
      .where(eq(images.id, image.id));
    if (current?.state !== "pending") return "skipped";
    const objects = decoded.variants.map((variant) => ({
      key: variantKey(image.sha256, variant.name),
      body: variant.bytes,
      contentType: variant.contentType,
    }));
    // Content-addressed: a failed attempt's objects are overwritten by the next, or removed with the image.
    await storeImageObjects(deps.storage, objects, null);
    await deps.db.transaction(async (tx) => {
      if (!(await consumeClaim(tx, claim.value))) throw new Error("the derivation lost its sha256 claim");
      await upsertVariantRows(tx, image, decoded.variants);
      await tx
        .update(images)
        .set({
          placeholder: decoded.placeholder,
          ...bandColumns(decoded.phash),
          deriveState: "done",
          deriveError: null,
          updatedAt: sql`${images.updatedAt}`,
        })
        .where(and(eq(images.id, image.id), eq(images.deriveState, "pending")));
    });
    isConsumed = true;
    return "derived";
  } finally {
    if (isConsumed) claim.value.stopHeartbeat();
    else await releaseClaim(deps.db, claim.value).catch(() => {});
  }
}

async function markFailed(deps: DeriveDeps, imageId: string, reason: string): Promise<DeriveOutcome> {
  log.warn({ imageId, reason }, "original could not be derived; marked failed");
  await deps.db
    .update(images)
    .set({ deriveState: "failed", deriveError: reason, updatedAt: sql`${images.updatedAt}` })
    .where(and(eq(images.id, imageId), eq(images.deriveState, "pending")));
  return "failed";
}

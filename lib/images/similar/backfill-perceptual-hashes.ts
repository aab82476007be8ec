import "server-only";
import { and, asc, eq, gt, isNull, ne } from "drizzle-orm";
import sharp from "sharp";
import type { Config } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { getObjectBytes } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";
import { bandColumns, perceptualHash } from "./perceptual-hash";

export type BackfillProgress = { hashed: number; failed: number; lastId: string | null; isDone: boolean };

/**
 * Computes the perceptual hash of every image stored before hashes existed, from its original in the bucket,
 * one at a time (flat memory). Resumable: it only ever picks rows still without a hash, in id order from `fromId`;
 * an image whose original cannot be read is counted as failed and skipped. Images whose derivation is still to
 * come are the worker's (lib/images/derive). With `maxImages` it stops after about that many (`isDone` false):
 * one slice of the backfill job.
 */
export async function backfillPerceptualHashes(
  deps: { db: Database; storage: Storage; limits: Config["limits"] },
  options: {
    fromId?: string;
    batchSize?: number;
    maxImages?: number;
    onProgress?: (progress: BackfillProgress) => void;
  } = {},
): Promise<BackfillProgress> {
  const progress: BackfillProgress = { hashed: 0, failed: 0, lastId: options.fromId ?? null, isDone: false };
  for (;;) {
    if (options.maxImages !== undefined && progress.hashed + progress.failed >= options.maxImages)
      return progress;
    const batch = await deps.db
      .select({ id: images.id, objectKey: images.objectKey })
      .from(images)
      .where(
        and(
          isNull(images.phash),
          ne(images.deriveState, "pending"),
          progress.lastId ? gt(images.id, progress.lastId) : undefined,
        ),
      )
      .orderBy(asc(images.id))
      .limit(options.batchSize ?? 50);
    if (batch.length === 0) return { ...progress, isDone: true };
    for (const image of batch) {
      progress.lastId = image.id;
      const bytes = await getObjectBytes(deps.storage, image.objectKey, {
        maxBytes: deps.limits.maxUploadBytes,
      });
      const phash = bytes.ok ? await hashOf(bytes.value, deps.limits.maxImagePixels) : null;
      if (phash === null) {
        progress.failed++;
        continue;
      }
      await deps.db.update(images).set(bandColumns(phash)).where(eq(images.id, image.id));
      progress.hashed++;
    }
    options.onProgress?.({ ...progress });
  }
}

async function hashOf(bytes: Uint8Array, maxPixels: number): Promise<bigint | null> {
  try {
    return await perceptualHash(sharp(bytes, { limitInputPixels: maxPixels }).rotate().toColourspace("srgb"));
  } catch {
    return null;
  }
}

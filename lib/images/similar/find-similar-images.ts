import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { NEAR_DUPLICATE_DISTANCE, probeBands } from "./perceptual-hash";

export type SimilarImage = { id: string; distance: number };

/**
 * Live images whose perceptual hash is within `maxDistance` bits of this one's, nearest first. The band probe
 * (GIN index) narrows millions of rows to a few candidates; the exact distance is computed on those only.
 */
export async function findSimilarImages(
  db: Queryable,
  imageId: string,
  options: { limit?: number; maxDistance?: number } = {},
): Promise<Result<SimilarImage[]>> {
  const [image] = await db.select({ phash: images.phash }).from(images).where(eq(images.id, imageId));
  if (!image) return err("not_found", `Image ${imageId} does not exist`);
  if (image.phash === null) return ok([]);
  return ok(await findNearHashes(db, image.phash, { ...options, excludeId: imageId }));
}

export async function findNearHashes(
  db: Queryable,
  phash: bigint,
  options: { limit?: number; maxDistance?: number; excludeId?: string },
): Promise<SimilarImage[]> {
  const maxDistance = Math.min(options.maxDistance ?? NEAR_DUPLICATE_DISTANCE, NEAR_DUPLICATE_DISTANCE);
  const distance = sql<number>`bit_count((${images.phash} # ${phash.toString()}::bigint)::bit(64))`;
  const [band0, band1, band2, band3] = probeBands(phash).map((probes) => `{${probes.join(",")}}`);
  const rows = await db
    .select({ id: images.id, distance })
    .from(images)
    .where(
      sql`(${images.phashBand0} = any(${band0}::int[]) or ${images.phashBand1} = any(${band1}::int[])
          or ${images.phashBand2} = any(${band2}::int[]) or ${images.phashBand3} = any(${band3}::int[]))
        and ${images.deletedAt} is null
        and ${distance} <= ${maxDistance}
        ${options.excludeId ? sql`and ${images.id} <> ${options.excludeId}` : sql``}`,
    )
    .orderBy(distance, images.id)
    .limit(options.limit ?? 24);
  return rows.map((row) => ({ id: row.id, distance: Number(row.distance) }));
}

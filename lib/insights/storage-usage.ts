import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images, imageVariants } from "@/lib/db/schema";
import type { StorageUsage } from "./stats-input";

/**
 * Bytes the rows say the bucket holds: originals and variants of every row, the trash included (its objects stay
 * until a purge). Not filtered: storage is the whole library's. The doctor compares these with its listing.
 */
export async function storageUsage(db: Queryable): Promise<StorageUsage> {
  const [row] = await db.execute<{
    originals: number;
    original_bytes: number;
    variants: number;
    variant_bytes: number;
    trash: number;
    trash_bytes: number;
  }>(sql`select
      (select count(*)::int from ${images}) as originals,
      (select coalesce(sum(${images.byteSize}), 0)::float8 from ${images}) as original_bytes,
      (select count(*)::int from ${imageVariants}) as variants,
      (select coalesce(sum(${imageVariants.byteSize}), 0)::float8 from ${imageVariants}) as variant_bytes,
      (select count(*)::int from ${images} where ${images.deletedAt} is not null) as trash,
      (select coalesce(sum(${images.byteSize}), 0)::float8 from ${images} where ${images.deletedAt} is not null)
        as trash_bytes`);
  if (!row) throw new Error("storage usage returned no row");
  return {
    originals: { objects: row.originals, bytes: row.original_bytes },
    variants: { objects: row.variants, bytes: row.variant_bytes },
    trash: { images: row.trash, bytes: row.trash_bytes },
  };
}

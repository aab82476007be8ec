import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { images } from "@/db/schema";
import { encodeKeysetCursor } from "@/lib/images/keyset-cursor";
import { sortKeyOf } from "./gallery-page-query";
import type { GallerySort } from "./gallery-query";

/** The cursor that points at one image in a sort, so review mode can resume at it; null when it does not exist. */
export async function findGalleryCursor(
  db: Queryable,
  sort: GallerySort,
  imageId: string,
): Promise<string | null> {
  const key = sortKeyOf(sort);
  const [row] = await db
    .select({ key: sql<string>`${key}::text` })
    .from(images)
    .where(eq(images.id, imageId));
  return row ? encodeKeysetCursor({ key: row.key, id: imageId }) : null;
}

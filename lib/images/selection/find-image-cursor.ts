import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { encodeKeysetCursor } from "@/lib/pagination/keyset-cursor";
import { type ImageOrder, sortKeyOf } from "./keyset-page";

/** The cursor that points at one image in a sort, so review mode can resume at it; null when it does not exist. */
export async function findImageCursor(
  db: Queryable,
  order: ImageOrder,
  imageId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ key: sql<string>`${sortKeyOf(order)}::text` })
    .from(images)
    .where(eq(images.id, imageId));
  return row ? encodeKeysetCursor({ key: row.key, id: imageId }) : null;
}

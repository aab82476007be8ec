import "server-only";
import { type AnyColumn, asc, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { images, imageVariants } from "@/lib/db/schema";
import type { OriginalRow } from "./check-originals";
import type { VariantRow } from "./check-variants";

const PAGE_SIZE = 1000;

/*
 * Keyset pages ordered by object_key collate "C": byte order, the order S3 lists keys in, whatever the database's
 * own collation. The unique indexes on object_key are built collate "C" (lib/db/schema/images.ts), so each page is an
 * index range scan, not a sort of the table.
 */
const byteOrder = (column: AnyColumn) => sql`${column} collate "C"`;

/** Every image row, in key order, one page in memory at a time. */
export async function* imageRowsByKey(db: Database): AsyncGenerator<OriginalRow> {
  let after: string | null = null;
  for (;;) {
    const page: OriginalRow[] = await db
      .select({
        id: images.id,
        sha256: images.sha256,
        objectKey: images.objectKey,
        byteSize: images.byteSize,
        objectState: images.objectState,
        contentType: images.contentType,
      })
      .from(images)
      .where(after === null ? undefined : sql`${byteOrder(images.objectKey)} > ${after}`)
      .orderBy(asc(byteOrder(images.objectKey)))
      .limit(PAGE_SIZE);
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < PAGE_SIZE) return;
    after = last.objectKey;
  }
}

/** Every variant row, in key order, one page in memory at a time. */
export async function* variantRowsByKey(db: Database): AsyncGenerator<VariantRow> {
  let after: string | null = null;
  for (;;) {
    const page: VariantRow[] = await db
      .select({
        imageId: imageVariants.imageId,
        name: imageVariants.name,
        objectKey: imageVariants.objectKey,
        byteSize: imageVariants.byteSize,
      })
      .from(imageVariants)
      .where(after === null ? undefined : sql`${byteOrder(imageVariants.objectKey)} > ${after}`)
      .orderBy(asc(byteOrder(imageVariants.objectKey)))
      .limit(PAGE_SIZE);
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < PAGE_SIZE) return;
    after = last.objectKey;
  }
}

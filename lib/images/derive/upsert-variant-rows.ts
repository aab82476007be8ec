import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { imageVariants } from "@/lib/db/schema";
import { variantKey } from "@/lib/storage/keys";
import type { DecodedImage } from "./make-variants";

/** The rows naming an image's variant objects, inserted or (remade by the doctor) overwritten. */
export async function upsertVariantRows(
  db: Queryable,
  image: { id: string; sha256: string },
  variants: DecodedImage["variants"],
): Promise<void> {
  if (variants.length === 0) return;
  await db
    .insert(imageVariants)
    .values(
      variants.map((variant) => ({
        imageId: image.id,
        name: variant.name,
        objectKey: variantKey(image.sha256, variant.name),
        contentType: variant.contentType,
        width: variant.width,
        height: variant.height,
        byteSize: variant.bytes.length,
      })),
    )
    .onConflictDoUpdate({
      target: [imageVariants.imageId, imageVariants.name],
      set: {
        objectKey: sql`excluded.object_key`,
        width: sql`excluded.width`,
        height: sql`excluded.height`,
        byteSize: sql`excluded.byte_size`,
      },
    });
}

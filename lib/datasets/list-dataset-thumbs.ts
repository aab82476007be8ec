import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { imageVariants } from "@/lib/db/schema";
import { signGetUrl } from "@/lib/storage/signing";
import type { Storage } from "@/lib/storage/storage";

/** Signed thumbnail URLs for a dataset page's images, by image id; an image without a thumb is left out. */
export async function listDatasetThumbs(
  deps: { db: Queryable; storage: Storage },
  imageIds: string[],
): Promise<Record<string, string>> {
  if (imageIds.length === 0) return {};
  const rows = await deps.db
    .select({ imageId: imageVariants.imageId, objectKey: imageVariants.objectKey })
    .from(imageVariants)
    .where(and(inArray(imageVariants.imageId, imageIds), eq(imageVariants.name, "thumb")));
  const signed = await Promise.all(
    rows.map(async (row) => [row.imageId, await signGetUrl(deps.storage, row.objectKey)] as const),
  );
  return Object.fromEntries(signed);
}

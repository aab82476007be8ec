import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";
import type { Storage } from "@/lib/storage/storage";
import { type ImageRecord, type ImageUrls, signImageUrls } from "./image-record";
import { imageRecordFields, toImageRecordWithRelated } from "./image-record-fields";

/** One image with signed URLs for its original, preview and thumb. Soft-deleted images are still found. */
export async function getImage(
  deps: { db: Database; storage: Storage },
  id: string,
): Promise<Result<ImageRecord & { urls: ImageUrls }>> {
  const [row] = await deps.db.select(imageRecordFields).from(images).where(eq(images.id, id));
  if (!row) return err("not_found", `Image ${id} does not exist`);
  const record = toImageRecordWithRelated(row);
  return ok({ ...record, urls: await signImageUrls(deps.storage, record) });
}

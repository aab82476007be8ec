import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { images, imageVariants } from "@/db/schema";
import type { Result } from "@/lib/result";
import { originalKey, variantKey } from "@/lib/storage/keys";
import type { Storage } from "@/lib/storage/storage";
import { attachTags } from "@/lib/tags/attach-tags";
import type { ImageFormat } from "./image-format";
import { type ImageRecord, loadImageRecords, toImageRecord } from "./image-record";
import { generationColumns } from "./image-row-values";
import type { IngestInput } from "./ingest-image";
import type { MergedMetadata } from "./ingest-metadata";
import type { DecodedImage } from "./make-variants";
import { bandColumns } from "./perceptual-hash";
import { resolveRun } from "./resolve-run";
import { type Claim, consumeClaim } from "./sha256-claim";
import { StoreAborted } from "./store-image-objects";

type NewImage = {
  sha256: string;
  format: ImageFormat;
  input: IngestInput;
  merged: MergedMetadata;
  embedded: Parameters<typeof generationColumns>[1];
  decoded: DecodedImage;
};

/** The meaning, after the bytes: the row, its variants, run and tags, in one short transaction. */
export async function commitNewImage(
  deps: { db: Database; storage: Storage },
  claim: Claim,
  image: NewImage,
): Promise<ImageRecord> {
  const { sha256, format, input, merged, decoded } = image;
  return deps.db.transaction(async (tx) => {
    await requireClaim(tx, claim);
    const run = unwrap(await resolveRun(tx, input.metadata.run, merged.generator));
    const [row] = await tx
      .insert(images)
      .values({
        sha256,
        bucket: deps.storage.bucket,
        objectKey: originalKey(sha256, format.ext),
        contentType: format.contentType,
        byteSize: input.bytes.length,
        width: decoded.width,
        height: decoded.height,
        placeholder: decoded.placeholder,
        ...bandColumns(decoded.phash),
        runId: run?.id ?? null,
        source: input.source,
        ...generationColumns(merged, image.embedded),
      })
      .returning();
    if (!row) throw new Error("image insert returned no row");
    const variants =
      decoded.variants.length === 0
        ? []
        : await tx
            .insert(imageVariants)
            .values(
              decoded.variants.map((variant) => ({
                imageId: row.id,
                name: variant.name,
                objectKey: variantKey(sha256, variant.name),
                contentType: variant.contentType,
                width: variant.width,
                height: variant.height,
                byteSize: variant.bytes.length,
              })),
            )
            .returning();
    const tagNames = await attachTags(tx, row.id, input.metadata.tags ?? [], input.addedBy ?? null);
    return toImageRecord(row, { run, tags: tagNames.sort(), variants });
  });
}

/** A row whose object the doctor found missing: the bytes were just put back, so it is present again. */
export async function commitRepairedImage(
  db: Database,
  claim: Claim,
  existing: typeof images.$inferSelect,
): Promise<ImageRecord> {
  return db.transaction(async (tx) => {
    await requireClaim(tx, claim);
    const rows = await tx
      .update(images)
      .set({ objectState: "present", lastPostedAt: sql`now()` })
      .where(eq(images.id, existing.id))
      .returning();
    const [record] = await loadImageRecords(tx, rows);
    if (!record) throw new Error("repaired image row vanished");
    return record;
  });
}

async function requireClaim(tx: Parameters<typeof consumeClaim>[0], claim: Claim): Promise<void> {
  if (!(await consumeClaim(tx, claim))) {
    throw new StoreAborted({
      code: "conflict",
      message: "Storing this image took longer than its lease; retry",
    });
  }
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new StoreAborted(result.error);
  return result.value;
}

import "server-only";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { images, imageVariants } from "@/db/schema";
import type { Result } from "@/lib/result";
import { originalKey, variantKey } from "@/lib/storage/keys";
import type { Storage } from "@/lib/storage/storage";
import { attachTags } from "@/lib/tags/attach-tags";
import type { ImageFormat } from "./image-format";
import { type ImageRecord, toImageRecord } from "./image-record";
import { imageRecordFields, toImageRecordWithRelated } from "./image-record-fields";
import { generationColumns } from "./image-row-values";
import type { IngestInput } from "./ingest-image";
import type { MergedMetadata } from "./ingest-metadata";
import type { DecodedImage } from "./make-variants";
import { bandColumns } from "./perceptual-hash";
import { resolveRun } from "./resolve-run";
import { type Claim, consumeClaim } from "./sha256-claim";
import { StoreAborted } from "./store-image-objects";
import { linkImageToTrainedModels } from "./trained-model-links";

type NewImage = {
  sha256: string;
  format: ImageFormat;
  input: IngestInput;
  merged: MergedMetadata;
  embedded: Parameters<typeof generationColumns>[1];
  decoded: DecodedImage;
};

/**
 * The meaning, after the bytes: the row, its variants, run and tags, in one short transaction of few round trips.
 * The claim check and the run are independent, so they go out together; the row and its variants are one
 * statement. A lost lease throws before the row is written, and rolls the transaction back.
 */
export async function commitNewImage(
  deps: { db: Database; storage: Storage },
  claim: Claim,
  image: NewImage,
): Promise<ImageRecord> {
  const { sha256, format, input, merged, decoded } = image;
  return deps.db.transaction(async (tx) => {
    const [isHeld, resolved] = await Promise.all([
      consumeClaim(tx, claim),
      resolveRun(tx, input.metadata.run, merged.generator),
    ]);
    requireClaim(isHeld);
    const run = unwrap(resolved);
    // The id is made here so the variant rows can go in the same statement as the image row (a data-modifying
    // CTE; the foreign key is checked at the end of the statement, when both are in).
    const imageId = randomUUID();
    const variantValues = decoded.variants.map((variant) => ({
      imageId,
      name: variant.name,
      objectKey: variantKey(sha256, variant.name),
      contentType: variant.contentType,
      width: variant.width,
      height: variant.height,
      byteSize: variant.bytes.length,
    }));
    const imageValues = {
      id: imageId,
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
    };
    const [row] = await insertImageWithVariants(tx, imageValues, variantValues);
    if (!row) throw new Error("image insert returned no row");
    const tagNames = await attachTags(tx, row.id, input.metadata.tags ?? [], input.addedBy ?? null);
    // The trained models its metadata names (by hash, Civitai id or file name), committed with the row.
    await linkImageToTrainedModels(tx, row.id, { replace: false });
    // created_at defaults to now(), the transaction's start, for the image and its variants alike.
    const variants = variantValues.map((variant) => ({ ...variant, createdAt: row.createdAt }));
    return toImageRecord(row, { run, tags: tagNames.sort(), variants });
  });
}

function insertImageWithVariants(
  tx: Transaction,
  image: typeof images.$inferInsert,
  variants: (typeof imageVariants.$inferInsert)[],
) {
  if (variants.length === 0) return tx.insert(images).values(image).returning();
  const variantRows = tx.$with("variant_rows").as(tx.insert(imageVariants).values(variants));
  return tx.with(variantRows).insert(images).values(image).returning();
}

/** A row whose object the doctor found missing: the bytes were just put back, so it is present again. */
export async function commitRepairedImage(db: Database, claim: Claim, imageId: string): Promise<ImageRecord> {
  return db.transaction(async (tx) => {
    requireClaim(await consumeClaim(tx, claim));
    const [row] = await tx
      .update(images)
      .set({ objectState: "present", lastPostedAt: sql`now()` })
      .where(eq(images.id, imageId))
      .returning(imageRecordFields);
    if (!row) throw new Error("repaired image row vanished");
    return toImageRecordWithRelated(row);
  });
}

function requireClaim(isHeld: boolean): void {
  if (!isHeld) {
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

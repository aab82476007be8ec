import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { enqueueJob } from "@/lib/jobs/job-queue";
import { DERIVE_QUEUE } from "@/lib/jobs/queues";
import type { Result } from "@/lib/result";
import { originalKey } from "@/lib/storage/keys";
import type { Storage } from "@/lib/storage/storage";
import { attachTags } from "@/lib/tags/attach-tags";
import type { ImageFormat } from "../file-format/image-format";
import type { ImageHeader } from "../file-format/read-image-header";
import { type ImageRecord, toImageRecord } from "../record/image-record";
import { imageRecordFields, toImageRecordWithRelated } from "../record/image-record-fields";
import { resolveRun } from "../runs/resolve-run";
import { linkImageToTrainedModels } from "../trained-model-links";
import { generationColumns } from "./image-row-values";
import type { IngestInput, MergedMetadata } from "./ingest-metadata";
import { type Claim, consumeClaim } from "./sha256-claim";
import { StoreAborted } from "./store-image-objects";

type NewImage = {
  sha256: string;
  format: ImageFormat;
  input: IngestInput;
  merged: MergedMetadata;
  embedded: Parameters<typeof generationColumns>[1];
  header: ImageHeader;
};

/**
 * The meaning, after the bytes: the row, its run and tags, and the job that derives its variants, in one short
 * transaction of few round trips: the job exists exactly when the row does. The claim check and the run are
 * independent, so they go out together. A lost lease throws before the row is written, and rolls back.
 */
export async function commitNewImage(
  deps: { db: Database; storage: Storage },
  claim: Claim,
  image: NewImage,
): Promise<ImageRecord> {
  const { sha256, format, input, merged, header } = image;
  return deps.db.transaction(async (tx) => {
    const [isHeld, resolved] = await Promise.all([
      consumeClaim(tx, claim),
      resolveRun(tx, input.metadata.run, merged.generator),
    ]);
    requireClaim(isHeld);
    const run = unwrap(resolved);
    const [row] = await tx
      .insert(images)
      .values({
        sha256,
        bucket: deps.storage.bucket,
        objectKey: originalKey(sha256, format.ext),
        contentType: format.contentType,
        byteSize: input.bytes.length,
        width: header.width,
        height: header.height,
        deriveState: "pending",
        runId: run?.id ?? null,
        source: input.source,
        ...generationColumns(merged, image.embedded),
      })
      .returning();
    if (!row) throw new Error("image insert returned no row");
    const [tagNames] = await Promise.all([
      attachTags(tx, row.id, input.metadata.tags ?? [], input.addedBy ?? null),
      enqueueDerivation(deps.db, tx, row.id),
    ]);
    // The trained models its metadata names (by hash, Civitai id or file name), committed with the row.
    await linkImageToTrainedModels(tx, row.id, { replace: false });
    return toImageRecord(row, { run, tags: tagNames.sort(), variants: [] });
  });
}

/** The job that makes the image's variants (lib/images/derive/derive-image.ts), in the row's transaction. */
function enqueueDerivation(db: Database, tx: Transaction, imageId: string): Promise<void> {
  return enqueueJob(db, tx, DERIVE_QUEUE, imageId, { imageId });
}

/**
 * A row whose object the doctor found missing: the bytes were just put back, so it is present again. A derivation
 * that found no original meanwhile left the row pending: it is queued again.
 */
export async function commitRepairedImage(db: Database, claim: Claim, imageId: string): Promise<ImageRecord> {
  return db.transaction(async (tx) => {
    requireClaim(await consumeClaim(tx, claim));
    const [row] = await tx
      .update(images)
      .set({ objectState: "present", lastPostedAt: sql`now()` })
      .where(eq(images.id, imageId))
      .returning(imageRecordFields);
    if (!row) throw new Error("repaired image row vanished");
    if (row.deriveState === "pending") await enqueueDerivation(db, tx, imageId);
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

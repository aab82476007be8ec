import "server-only";
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { images, imageVariants } from "@/db/schema";
import type { Config } from "@/lib/config";
import { type AppError, err, ok, type Result } from "@/lib/http/errors";
import { log } from "@/lib/logger";
import { readGenerationMetadata } from "@/lib/metadata/read-generation-metadata";
import { originalKey, variantKey } from "@/lib/storage/keys";
import { copyObject, deleteObject, headObject, putObject } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";
import { detectImageFormat } from "./image-format";
import { type ImageRecord, loadImageRecords, toImageRecord } from "./image-record";
import { generationColumns } from "./image-row-values";
import { type IngestMetadata, mergeMetadata } from "./ingest-metadata";
import { attachTags, resolveRun } from "./ingest-relations";
import { makeVariants } from "./make-variants";

export type IngestDeps = { db: Database; storage: Storage; limits: Config["limits"] };
export type IngestInput = {
  bytes: Uint8Array;
  metadata: IngestMetadata;
  source: "api" | "upload" | "import";
  addedBy?: string | null;
  /** Direct uploads: the bytes already sit in the bucket here; the original is a server-side copy of it. */
  stagedKey?: string;
};
export type IngestOutcome = { image: ImageRecord; duplicate: boolean };

class IngestAborted extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
  }
}

/**
 * The storage contract in one function: validate → sha256 → embedded metadata → variants → (under a per-sha256
 * lock) put original and variants → one transaction for the row and its relations. Same bytes again: the existing
 * record, `duplicate: true`. Any failure before commit leaves no row, and removes the objects this call created
 * (never one that existed before it: content addressing means another image may own it).
 */
export async function ingestImage(deps: IngestDeps, input: IngestInput): Promise<Result<IngestOutcome>> {
  const { bytes } = input;
  if (bytes.length === 0) return err("invalid_request", "The file is empty");
  if (bytes.length > deps.limits.maxUploadBytes) {
    return err(
      "payload_too_large",
      `The file is ${bytes.length} bytes; the limit is ${deps.limits.maxUploadBytes}`,
    );
  }
  const format = detectImageFormat(bytes);
  if (!format) return err("unsupported_media_type", "Only PNG, JPEG, WebP and AVIF images are accepted");
  const sha256 = createHash("sha256").update(bytes).digest("hex");

  const existing = await findRecordBySha(deps.db, sha256);
  if (existing) return ok({ image: existing, duplicate: true });

  const embedded = await readGenerationMetadata(bytes);
  const merged = mergeMetadata(input.metadata, embedded.metadata);
  const decoded = await makeVariants(bytes, { maxPixels: deps.limits.maxImagePixels });
  if (!decoded.ok) return decoded;

  const created: string[] = [];
  try {
    const outcome = await deps.db.transaction(async (tx) => {
      // Serialises ingests of the same bytes: the loser waits, then finds the winner's row.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${sha256}, 0))`);
      const raced = await findRecordBySha(tx, sha256);
      if (raced) return { image: raced, duplicate: true };

      const key = originalKey(sha256, format.ext);
      // All objects go up in parallel; every one settles before the row is written or the cleanup runs.
      const objects = [
        { key, body: bytes, contentType: format.contentType, sha256Hex: sha256, copyFrom: input.stagedKey },
        ...decoded.value.variants.map((variant) => ({
          key: variantKey(sha256, variant.name),
          body: variant.bytes,
          contentType: variant.contentType,
        })),
      ];
      const puts = await Promise.allSettled(
        objects.map((object) => putIfAbsent(deps.storage, created, object)),
      );
      const failed = puts.find((put) => put.status === "rejected");
      if (failed) throw failed.reason;

      const run = unwrap(await resolveRun(tx, input.metadata.run, merged.generator));
      const [row] = await tx
        .insert(images)
        .values({
          sha256,
          bucket: deps.storage.bucket,
          objectKey: key,
          contentType: format.contentType,
          byteSize: bytes.length,
          width: decoded.value.width,
          height: decoded.value.height,
          placeholder: decoded.value.placeholder,
          runId: run?.id ?? null,
          source: input.source,
          ...generationColumns(merged, embedded),
        })
        .returning();
      if (!row) throw new Error("image insert returned no row");
      const variants =
        decoded.value.variants.length === 0
          ? []
          : await tx
              .insert(imageVariants)
              .values(
                decoded.value.variants.map((variant) => ({
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
      const image = toImageRecord(row, { run, tags: tagNames.sort(), variants });
      return { image, duplicate: false };
    });
    return ok(outcome);
  } catch (error) {
    await removeCreatedObjects(deps.storage, created);
    if (error instanceof IngestAborted) return { ok: false, error: error.appError };
    log.error({ err: error, sha256 }, "ingest failed before commit");
    return err("internal_error", "The image could not be stored; nothing was kept");
  }
}

async function findRecordBySha(db: Database | Transaction, sha256: string): Promise<ImageRecord | null> {
  const rows = await db.select().from(images).where(eq(images.sha256, sha256)).limit(1);
  const [record] = await loadImageRecords(db, rows);
  return record ?? null;
}

/** Puts unless an object of the same size is already there (content-addressed: same key, same bytes). */
async function putIfAbsent(
  storage: Storage,
  created: string[],
  object: { key: string; body: Uint8Array; contentType: string; sha256Hex?: string; copyFrom?: string },
): Promise<void> {
  const head = await headObject(storage, object.key);
  if (head.ok && head.value.byteSize === object.body.length) return;
  if (!head.ok && head.error.code !== "not_found") throw new IngestAborted(head.error);
  const put = object.copyFrom
    ? await copyObject(storage, { from: object.copyFrom, to: object.key, contentType: object.contentType })
    : await putObject(storage, object);
  if (!put.ok) throw new IngestAborted(put.error);
  created.push(object.key);
}

async function removeCreatedObjects(storage: Storage, keys: string[]): Promise<void> {
  for (const key of keys) {
    const removed = await deleteObject(storage, key);
    // Left for the doctor, which reports objects no row names.
    if (!removed.ok) log.warn({ key }, "could not remove an object after a failed ingest");
  }
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new IngestAborted(result.error);
  return result.value;
}

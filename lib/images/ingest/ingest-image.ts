import "server-only";
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Config } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from "@/lib/db/database-errors";
import { fencedWrite } from "@/lib/db/request-fence";
import { images } from "@/lib/db/schema";
import { log } from "@/lib/logger";
import { readGenerationMetadata } from "@/lib/metadata/read-generation-metadata";
import { err, ok, type Result, ThrownAppError } from "@/lib/result";
import { originalKey } from "@/lib/storage/keys";
import type { Storage } from "@/lib/storage/storage";
import { detectImageFormat, type ImageFormat } from "../file-format/image-format";
import { readImageHeader } from "../file-format/read-image-header";
import type { ImageRecord } from "../record/image-record";
import { imageRecordFields, toImageRecordWithRelated } from "../record/image-record-fields";
import { checkIngestCapacity } from "./ingest-capacity";
import { commitNewImage, commitRepairedImage } from "./ingest-commit";
import type { IngestGate } from "./ingest-gate";
import { type IngestInput, mergeMetadata } from "./ingest-metadata";
import { type Claim, claimSha256, isClaimHeld, releaseClaim } from "./sha256-claim";
import { type ObjectToStore, removeObjects, storeImageObjects } from "./store-image-objects";

export type IngestDeps = {
  db: Database;
  storage: Storage;
  limits: Config["limits"];
  /** Web doors pass their process's gate (ingest-gate.ts); the importer and tests store at their own pace. */
  ingestGate?: IngestGate;
};
export type IngestOutcome = { image: ImageRecord; duplicate: boolean };

/**
 * The storage contract in one function: validate → sha256 → (already stored? the existing record, marked as
 * posted again) → a slot of the web process's ingest gate, if any → room in the derivation backlog? → header and
 * structure (no pixel decoded) → embedded metadata → claim the sha256 → put the original → one short transaction
 * for the row, its relations and its derivation job. The variants, placeholder and perceptual hash are the job's
 * (lib/images/derive), done by a worker after the answer. No transaction is open during bucket I/O (see
 * sha256-claim.ts).
 * Any failure before commit leaves no row, and removes the objects this call put: under the claim, with no row for
 * the sha256, nothing else names these content-addressed keys. A repair (a row whose object went missing) removes
 * nothing, since its row names them (store-image-objects.ts explains both).
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
  const sha256 = input.sha256 ?? createHash("sha256").update(bytes).digest("hex");

  if (!input.isKnownNew) {
    const stored = await markPostedAgain(deps.db, sha256);
    if (stored) return ok({ image: stored, duplicate: true });
  }
  const gate = deps.ingestGate ?? runNow;
  return gate(() => storeNewImage(deps, input, sha256, format));
}

const runNow: IngestGate = (task) => task();

/** A new image, or the repair of a row whose object went missing: everything after the duplicate lookup. */
async function storeNewImage(
  deps: IngestDeps,
  input: IngestInput,
  sha256: string,
  format: ImageFormat,
): Promise<Result<IngestOutcome>> {
  const { bytes } = input;
  const capacity = await checkIngestCapacity(deps.db, deps.limits.ingestBacklog);
  if (!capacity.ok) return capacity;
  const header = await readImageHeader(bytes, format, { maxPixels: deps.limits.maxImagePixels });
  if (!header.ok) return header;
  const embedded = await readGenerationMetadata(bytes);
  const merged = mergeMetadata(input.metadata, embedded.metadata);

  const claim = await claimSha256(deps.db, sha256, "ingest");
  if (!claim.ok) return claim;
  const objects: ObjectToStore[] = [
    { key: originalKey(sha256, format.ext), body: bytes, contentType: format.contentType, sha256Hex: sha256 },
  ];
  const created: string[] = [];
  let isConsumed = false;
  try {
    // The row may have appeared (a racing post committed first) or exist with its object missing.
    const [existing] = await deps.db
      .select({ id: images.id, objectState: images.objectState })
      .from(images)
      .where(eq(images.sha256, sha256));
    if (existing?.objectState === "present") {
      return ok({ image: (await markPostedAgain(deps.db, sha256)) ?? fail("row vanished"), duplicate: true });
    }
    // A repair writes over keys its row names: nothing of it is removed on failure (store-image-objects.ts).
    await storeImageObjects(deps.storage, objects, existing ? null : created);
    const image = existing
      ? await commitRepairedImage(deps.db, claim.value, existing.id)
      : await commitNewImage(deps, claim.value, {
          sha256,
          format,
          input,
          merged,
          embedded,
          header: header.value,
        });
    isConsumed = true;
    return ok({ image, duplicate: existing !== undefined });
  } catch (error) {
    if (isDatabaseUnavailable(error)) return settleAfterLostConnection(deps, sha256, error);
    await abandon(deps, claim.value, created);
    // A lost lease, a refused put, or the request's credential withdrawn while it ran (lib/db/request-fence.ts).
    if (error instanceof ThrownAppError) return { ok: false, error: error.appError };
    log.error({ err: error, sha256 }, "ingest failed before commit");
    return err("internal_error", "The image could not be stored; nothing was kept");
  } finally {
    // A commit deleted the claim with the row; otherwise it is given up here.
    if (isConsumed) claim.value.stopHeartbeat();
    else await releaseClaim(deps.db, claim.value).catch(() => {});
  }
}

/**
 * The duplicate path: one indexed UPDATE (through a door, in the transaction that re-checks the request's key or
 * session first: lib/db/request-fence.ts). Posting bytes again says the image belongs in the library: a deleted
 * (trashed) image is restored, and last_posted_at is stamped, so a purge that read the image earlier refuses it
 * (see lifecycle/purge-image.ts): the record returned stays stored. Rows whose object is missing take the slow
 * path (re-upload).
 */
async function markPostedAgain(db: Database, sha256: string): Promise<ImageRecord | null> {
  const [row] = await fencedWrite(db, (q) =>
    q
      .update(images)
      .set({
        lastPostedAt: sql`now()`,
        deletedAt: null,
        // updated_at moves only when the post restored the image: a plain re-post edits nothing.
        updatedAt: sql`case when ${images.deletedAt} is null then ${images.updatedAt} else now() end`,
      })
      .where(sql`${images.sha256} = ${sha256} and ${images.objectState} = 'present'`)
      // The record comes back with the update (relations included): no second read.
      .returning(imageRecordFields),
  );
  return row ? toImageRecordWithRelated(row) : null;
}

/**
 * The connection broke around the commit, so it may or may not have happened. The claim kept everyone else off
 * these bytes, so a row now is ours: answer with it. No row (or no answer): the objects stay for the doctor
 * (removing them could take a committed row's bytes), and the client gets a clear 503 to retry.
 */
async function settleAfterLostConnection(
  deps: IngestDeps,
  sha256: string,
  error: unknown,
): Promise<Result<IngestOutcome>> {
  log.warn({ err: error, sha256 }, "database connection lost during ingest");
  try {
    const [row] = await deps.db.select(imageRecordFields).from(images).where(eq(images.sha256, sha256));
    if (row) return ok({ image: toImageRecordWithRelated(row), duplicate: false });
  } catch {
    // still unreachable: fall through to the clear error
  }
  return { ok: false, error: DATABASE_UNAVAILABLE };
}

/** Objects this call created go only while the claim is still ours: after a takeover they are the new holder's. */
async function abandon(deps: IngestDeps, claim: Claim, created: string[]): Promise<void> {
  if (created.length === 0) return;
  const held = await isClaimHeld(deps.db, claim).catch(() => false);
  if (held) await removeObjects(deps.storage, created);
  else log.warn({ sha256: claim.sha256, keys: created }, "claim lost; objects left for the doctor");
}

function fail(message: string): never {
  throw new Error(message);
}

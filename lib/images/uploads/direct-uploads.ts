import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { fencedWrite } from "@/lib/db/request-fence";
import { uploads } from "@/lib/db/schema";
import type { ImageSource } from "@/lib/enums/image-enums";
import { err, ok, type Result } from "@/lib/result";
import { stagingKey } from "@/lib/storage/keys";
import { deleteObject, getObjectBytes, headObject } from "@/lib/storage/objects";
import { signPutUrl } from "@/lib/storage/signing";
import { IMAGE_CONTENT_TYPES } from "../file-format/image-types";
import { type IngestDeps, type IngestOutcome, ingestImage } from "../ingest/ingest-image";
import type { IngestMetadata } from "../ingest/ingest-metadata";
import { type ImageUrls, signImageUrls } from "../record/image-record";

const UPLOAD_URL_TTL_SECONDS = 3600;

export const createUploadSchema = z
  .object({
    content_type: z.enum(IMAGE_CONTENT_TYPES, {
      message: `content_type must be ${IMAGE_CONTENT_TYPES.slice(0, -1).join(", ")} or ${IMAGE_CONTENT_TYPES.at(-1)}`,
    }),
    byte_size: z.number().int().positive("byte_size must be positive"),
  })
  .strict();
export type CreateUploadInput = z.output<typeof createUploadSchema>;

/**
 * Step 1 of a direct upload (files past a serverless body limit): a presigned PUT to a staging key, with the
 * type and size bound into the signature. Nothing is an image until `completeUpload`.
 */
/**
 * Who started an upload: an API key, or a signed-in person (apiKeyId null; the upload page then proves ownership
 * with a signed ticket, see lib/images/uploads/upload-ticket.ts).
 */
export type UploadOwner = { apiKeyId: string | null };

export async function createUpload(deps: IngestDeps, owner: UploadOwner, input: CreateUploadInput) {
  if (input.byte_size > deps.limits.maxUploadBytes) {
    return err(
      "payload_too_large",
      `byte_size ${input.byte_size} is over the limit of ${deps.limits.maxUploadBytes}`,
    );
  }
  const expiresAt = new Date(Date.now() + UPLOAD_URL_TTL_SECONDS * 1000);
  // Fenced: a key revoked (or a user signed out) while this runs gets no upload URL.
  const [upload] = await fencedWrite(deps.db, (q) =>
    q
      .insert(uploads)
      .values({
        apiKeyId: owner.apiKeyId,
        stagingKey: "pending",
        contentType: input.content_type,
        byteSize: input.byte_size,
        expiresAt,
      })
      .returning({ id: uploads.id }),
  );
  if (!upload) throw new Error("upload insert returned no row");
  const key = stagingKey(upload.id);
  await deps.db.update(uploads).set({ stagingKey: key }).where(eq(uploads.id, upload.id));
  const url = await signPutUrl(deps.storage, key, {
    contentType: input.content_type,
    contentLength: input.byte_size,
    expiresInSeconds: UPLOAD_URL_TTL_SECONDS,
  });
  return ok({
    id: upload.id,
    upload_url: url,
    method: "PUT" as const,
    headers: { "Content-Type": input.content_type },
    expires_at: expiresAt.toISOString(),
  });
}

/**
 * Step 2: the staged bytes go through the same pipeline as a multipart post (validate, hash, metadata, variants,
 * row). The original is written from the very bytes that were read and hashed, never copied from the staging key:
 * the upload URL stays valid for an hour, so the staging object may change while this runs. The upload is claimed
 * first (pending → completing), so two completes of one upload never ingest twice.
 */
export async function completeUpload(
  deps: IngestDeps,
  owner: UploadOwner & { source?: Extract<ImageSource, "api" | "upload">; addedBy?: string | null },
  uploadId: string,
  metadata: IngestMetadata,
): Promise<Result<IngestOutcome["image"] & { urls: ImageUrls; duplicate: boolean }>> {
  const claimed = await claimUpload(deps, owner, uploadId);
  if (!claimed.ok) return claimed;
  const upload = claimed.value;
  const bytes = await readStagedBytes(deps, upload);
  if (!bytes.ok) {
    await setUploadStatus(deps, upload.id, bytes.error.code === "storage_unavailable" ? "pending" : null);
    return bytes;
  }
  const outcome = await ingestImage(deps, {
    bytes: bytes.value,
    metadata,
    source: owner.source ?? "api",
    addedBy: owner.addedBy ?? null,
  });
  // Worth completing again later: the store or a racing request was in the way, or the backlog was full.
  if (!outcome.ok && ["storage_unavailable", "conflict", "overloaded"].includes(outcome.error.code)) {
    await setUploadStatus(deps, upload.id, "pending");
    return outcome;
  }
  // Done either way (stored, duplicate, or refused as not an image): the staging object has served its purpose.
  // A PUT to the same URL later re-creates it; the doctor removes staging objects of finished uploads.
  await deleteObject(deps.storage, upload.stagingKey);
  await deps.db
    .update(uploads)
    .set({
      status: outcome.ok ? "completed" : "failed",
      imageId: outcome.ok ? outcome.value.image.id : null,
      completedAt: new Date(),
    })
    .where(eq(uploads.id, upload.id));
  if (!outcome.ok) return outcome;
  const { image, duplicate } = outcome.value;
  return ok({ ...image, urls: await signImageUrls(deps.storage, image), duplicate });
}

// A complete that died mid-way (crash, kill) leaves the upload "completing"; after this long it may be retried.
const COMPLETE_LEASE_MS = 5 * 60_000;

async function claimUpload(deps: IngestDeps, owner: UploadOwner, uploadId: string) {
  const mine = and(
    eq(uploads.id, uploadId),
    owner.apiKeyId ? eq(uploads.apiKeyId, owner.apiKeyId) : isNull(uploads.apiKeyId),
  );
  const [claimed] = await deps.db
    .update(uploads)
    .set({ status: "completing", claimedAt: sql`now()` })
    .where(
      and(
        mine,
        sql`(${uploads.status} = 'pending' or (${uploads.status} = 'completing' and ${uploads.claimedAt} < now() - ${`${COMPLETE_LEASE_MS} milliseconds`}::interval))`,
      ),
    )
    .returning();
  if (claimed) return ok(claimed);
  const [upload] = await deps.db.select({ status: uploads.status }).from(uploads).where(mine);
  if (!upload) return err("not_found", `Upload ${uploadId} does not exist`);
  return upload.status === "completing"
    ? err("conflict", `Upload ${uploadId} is being completed by another request`)
    : err("conflict", `Upload ${uploadId} is already ${upload.status}`);
}

/** The staged object, bounded by the announced size (the store may not enforce the signed length). */
async function readStagedBytes(
  deps: IngestDeps,
  upload: typeof uploads.$inferSelect,
): Promise<Result<Uint8Array>> {
  const head = await headObject(deps.storage, upload.stagingKey);
  if (!head.ok) {
    return head.error.code === "not_found"
      ? err("invalid_request", "No bytes were uploaded to the upload URL yet")
      : head;
  }
  if (head.value.byteSize !== upload.byteSize) {
    return err(
      "invalid_request",
      `The uploaded file is ${head.value.byteSize} bytes, not the announced ${upload.byteSize}`,
    );
  }
  const bytes = await getObjectBytes(deps.storage, upload.stagingKey, { maxBytes: upload.byteSize });
  if (!bytes.ok) return bytes;
  if (bytes.value.length !== upload.byteSize) {
    return err("invalid_request", "The uploaded file changed while it was being read; complete again");
  }
  return bytes;
}

/** Back to pending (a retry may complete it) or, with null, failed. */
async function setUploadStatus(deps: IngestDeps, id: string, status: "pending" | null): Promise<void> {
  await deps.db
    .update(uploads)
    .set(status ? { status, claimedAt: null } : { status: "failed", completedAt: new Date() })
    .where(eq(uploads.id, id));
}

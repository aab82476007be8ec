import "server-only";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { log } from "@/lib/logger";
import { err, ok, type Result } from "@/lib/result";
import type { Storage } from "./storage";
import { callStorage } from "./storage-call";

// A multipart upload, step by step, for a caller that records its progress between steps (a resumable export):
// the object appears under its key only when complete() succeeds, so a cut-off build never leaves half an
// object there. Parts are each one request under the transfer budget; the whole upload has none. Parts of an
// upload nobody completes or aborts stay invisible until the bucket's AbortIncompleteMultipartUpload rule
// reaps them (README). Hand-rolled rather than @aws-sdk/lib-storage's Upload, which can neither resume an
// upload another process started nor keep a failed abort from replacing the real error.

export type CompletedPart = { partNumber: number; etag: string };

export async function startMultipartUpload(
  storage: Storage,
  input: { key: string; contentType: string },
): Promise<Result<string>> {
  const created = await callStorage(storage, "transferMs", (abortSignal) =>
    storage.client.send(
      new CreateMultipartUploadCommand({
        Bucket: storage.bucket,
        Key: input.key,
        ContentType: input.contentType,
      }),
      { abortSignal },
    ),
  );
  if (!created.ok) return created;
  return created.value.UploadId
    ? ok(created.value.UploadId)
    : err("storage_unavailable", "The image store did not start the upload.");
}

export async function uploadPart(
  storage: Storage,
  input: { key: string; uploadId: string; partNumber: number; body: Buffer },
): Promise<Result<string>> {
  const sent = await callStorage(storage, "transferMs", (abortSignal) =>
    storage.client.send(
      new UploadPartCommand({
        Bucket: storage.bucket,
        Key: input.key,
        UploadId: input.uploadId,
        PartNumber: input.partNumber,
        Body: input.body,
      }),
      { abortSignal },
    ),
  );
  if (!sent.ok) return sent;
  return sent.value.ETag
    ? ok(sent.value.ETag)
    : err("storage_unavailable", "The image store did not confirm a part.");
}

export async function completeMultipartUpload(
  storage: Storage,
  input: { key: string; uploadId: string; parts: CompletedPart[] },
): Promise<Result<void>> {
  const completed = await callStorage(storage, "transferMs", (abortSignal) =>
    storage.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: storage.bucket,
        Key: input.key,
        UploadId: input.uploadId,
        MultipartUpload: {
          Parts: input.parts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })),
        },
      }),
      { abortSignal },
    ),
  );
  return completed.ok ? ok(undefined) : completed;
}

/** Best effort: an upload that cannot be aborted leaves invisible parts for the lifecycle rule. */
export async function abortMultipartUpload(
  storage: Storage,
  input: { key: string; uploadId: string },
): Promise<void> {
  const aborted = await callStorage(storage, "metadataMs", (abortSignal) =>
    storage.client.send(
      new AbortMultipartUploadCommand({ Bucket: storage.bucket, Key: input.key, UploadId: input.uploadId }),
      { abortSignal },
    ),
  ).catch((error: unknown) => ({ ok: false as const, error }));
  if (!aborted.ok)
    log.warn({ key: input.key }, "could not abort a multipart upload; the lifecycle rule reaps it");
}

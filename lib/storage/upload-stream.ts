import "server-only";
import type { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { log } from "@/lib/logger";
import { ok, type Result } from "@/lib/result";
import type { Storage } from "./storage";
import { timeoutOf, toStorageFailure } from "./storage-call";

// Above S3's 5 MiB minimum; parts are buffered, so PART_SIZE × (PARTS_IN_FLIGHT + 1) bounds an upload's memory.
const PART_SIZE = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 3;

/**
 * Streams a body of unknown length to `key` as a multipart upload. The object appears under `key` only when
 * CompleteMultipartUpload succeeds, so a failed or cut-off body never leaves a half object there; on failure the
 * upload is aborted (its parts deleted). A process killed mid-upload leaves only invisible parts: the bucket's
 * AbortIncompleteMultipartUpload lifecycle rule reaps them. There is no overall timeout (an export may take
 * minutes); each part is one request under the transfer budget. An error thrown by the body itself (say, a
 * checksum mismatch) is rethrown after the abort, for the caller to name.
 *
 * Hand-rolled rather than @aws-sdk/lib-storage's Upload: Upload lets a failed abort replace the body's error, and
 * stores without AbortMultipartUpload (s3rver) then hide why the export failed.
 */
export async function uploadStream(
  storage: Storage,
  input: { key: string; body: Readable; contentType: string; cacheControl?: string },
): Promise<Result<{ etag: string | null }>> {
  const target = { Bucket: storage.bucket, Key: input.key };
  const budget = () => ({ abortSignal: AbortSignal.timeout(timeoutOf(storage, "transferMs")) });
  let uploadId: string | undefined;
  try {
    const created = await storage.client.send(
      new CreateMultipartUploadCommand({
        ...target,
        ContentType: input.contentType,
        CacheControl: input.cacheControl,
      }),
      budget(),
    );
    uploadId = created.UploadId;
    const parts: CompletedPart[] = [];
    const inFlight = new Set<Promise<void>>();
    const send = (partNumber: number, bytes: Buffer) => {
      const sent = storage.client
        .send(
          new UploadPartCommand({ ...target, UploadId: uploadId, PartNumber: partNumber, Body: bytes }),
          budget(),
        )
        .then((part) => {
          parts.push({ PartNumber: partNumber, ETag: part.ETag });
        })
        .finally(() => inFlight.delete(sent));
      // Awaited below (race / all); this only keeps a part that fails early from counting as unhandled.
      sent.catch(() => {});
      inFlight.add(sent);
    };
    let partNumber = 0;
    for await (const part of partsOf(input.body)) {
      send(++partNumber, part);
      if (inFlight.size >= PARTS_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    parts.sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0));
    const completed = await storage.client.send(
      new CompleteMultipartUploadCommand({
        ...target,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
      budget(),
    );
    return ok({ etag: completed.ETag ? completed.ETag.replace(/^"|"$/g, "") : null });
  } catch (error) {
    input.body.destroy();
    if (uploadId) await abort(storage, input.key, uploadId);
    return toStorageFailure(error);
  }
}

/** The body cut into PART_SIZE buffers (the last may be shorter; an empty body is one empty part). */
async function* partsOf(body: Readable): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  let yielded = false;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    pending.push(chunk);
    length += chunk.length;
    while (length >= PART_SIZE) {
      const joined = Buffer.concat(pending, length);
      yield joined.subarray(0, PART_SIZE);
      yielded = true;
      pending = [joined.subarray(PART_SIZE)];
      length -= PART_SIZE;
    }
  }
  if (length > 0 || !yielded) yield Buffer.concat(pending, length);
}

async function abort(storage: Storage, key: string, uploadId: string): Promise<void> {
  try {
    await storage.client.send(
      new AbortMultipartUploadCommand({ Bucket: storage.bucket, Key: key, UploadId: uploadId }),
      { abortSignal: AbortSignal.timeout(timeoutOf(storage, "metadataMs")) },
    );
  } catch (error) {
    // The parts stay invisible (nothing is under the key) until the lifecycle rule reaps them.
    log.warn({ err: error, key }, "could not abort a failed multipart upload");
  }
}

import "server-only";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { err, ok, type Result } from "@/lib/result";
import type { Storage } from "./storage";
import { callStorage, putBudgetMs, timeoutOf, toStorageFailure } from "./storage-call";

// Keys are content-addressed, so an object never changes once written (DESIGN "The storage contract").
const IMMUTABLE = "public, max-age=31536000, immutable";

export type PutObjectInput = {
  key: string;
  /**
   * Bytes, or a stream. A stream with `contentLength` goes up as is (the client never uses aws-chunked
   * encoding, see s3-client.ts). A stream without it is read into memory first, because S3 needs the length
   * up front. Streams cannot be replayed, so a retry after a network error fails rather than retrying, and
   * the declared length keeps a cut-off stream from being stored short.
   */
  body: Uint8Array | Readable | NodeJS.ReadableStream;
  contentType: string;
  contentLength?: number;
  /**
   * The body's sha256. Sent as x-amz-checksum-sha256 when the storage has `sendChecksums`, so the store verifies
   * the bytes; for a byte body it is also the payload hash SigV4 signs (see declarePayloadSha256).
   */
  sha256Hex?: string;
  cacheControl?: string;
};

export type ObjectHead = {
  byteSize: number;
  contentType: string | null;
  etag: string | null;
  lastModified: Date | null;
};

export type ListedObject = { key: string; byteSize: number; lastModified: Date | null };

/** Writes one object with Content-Type and the immutable Cache-Control (unless told otherwise). */
export async function putObject(
  storage: Storage,
  input: PutObjectInput,
): Promise<Result<{ etag: string | null }>> {
  if (input.sha256Hex !== undefined && !/^[0-9a-f]{64}$/.test(input.sha256Hex)) {
    throw new Error("sha256Hex must be 64 lowercase hex characters");
  }
  const body =
    input.body instanceof Uint8Array || input.contentLength !== undefined
      ? toSdkBody(input.body)
      : await readAll(toSdkBody(input.body) as Readable);
  const checksum =
    input.sha256Hex && storage.sendChecksums
      ? Buffer.from(input.sha256Hex, "hex").toString("base64")
      : undefined;
  const byteLength = input.contentLength ?? (body instanceof Uint8Array ? body.byteLength : undefined);
  const command = new PutObjectCommand({
    Bucket: storage.bucket,
    Key: input.key,
    Body: body,
    ContentType: input.contentType,
    ContentLength: byteLength,
    CacheControl: input.cacheControl ?? IMMUTABLE,
    ChecksumSHA256: checksum,
  });
  if (input.sha256Hex && body instanceof Uint8Array) declarePayloadSha256(command, input.sha256Hex);
  const budget = byteLength === undefined ? "transferMs" : { ms: putBudgetMs(storage, byteLength) };
  return callStorage(storage, budget, async (abortSignal) => {
    const output = await storage.client.send(command, { abortSignal });
    return { etag: unquote(output.ETag) };
  });
}

/**
 * SigV4 signs the sha256 of the body (x-amz-content-sha256); when that header is already set the signer takes it
 * instead of hashing the body again, which for an original is a second pass over megabytes the caller has just
 * hashed. A store that checks signatures (S3, R2, MinIO) refuses the put if the hash is not the body's.
 */
function declarePayloadSha256(command: PutObjectCommand, sha256Hex: string): void {
  command.middlewareStack.add(
    (next) => (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers["x-amz-content-sha256"] = sha256Hex;
      return next(args);
    },
    { step: "build", name: "declarePayloadSha256" },
  );
}

export function headObject(storage: Storage, key: string): Promise<Result<ObjectHead>> {
  return callStorage(storage, "metadataMs", async (abortSignal) => {
    const output = await storage.client.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: key }), {
      abortSignal,
    });
    return {
      byteSize: output.ContentLength ?? 0,
      contentType: output.ContentType ?? null,
      etag: unquote(output.ETag),
      lastModified: output.LastModified ?? null,
    };
  });
}

/**
 * The timeout covers the wait for the response headers only: the caller owns the body and reads it at
 * its own pace (and must consume or destroy it, or the socket stays busy).
 */
export async function getObjectStream(
  storage: Storage,
  key: string,
): Promise<Result<{ body: Readable; byteSize: number; contentType: string | null }>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutOf(storage, "transferMs"));
  try {
    const output = await storage.client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: key }), {
      abortSignal: controller.signal,
    });
    if (!(output.Body instanceof Readable)) throw new Error("expected a Node.js stream from GetObject");
    const value = {
      body: output.Body,
      byteSize: output.ContentLength ?? 0,
      contentType: output.ContentType ?? null,
    };
    return { ok: true, value };
  } catch (error) {
    return toStorageFailure(error);
  } finally {
    clearTimeout(timer);
  }
}

/** The whole object in memory; the timeout covers the download too. For originals prefer the stream. */
/** The whole object in memory; with `maxBytes`, a larger object is read no further (`payload_too_large`). */
export async function getObjectBytes(
  storage: Storage,
  key: string,
  options: { maxBytes?: number } = {},
): Promise<Result<Uint8Array>> {
  const read = await callStorage(storage, "transferMs", async (abortSignal) => {
    const output = await storage.client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: key }), {
      abortSignal,
    });
    if (!output.Body) throw new Error("GetObject returned no body");
    const body = output.Body as Readable;
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of body) {
      length += chunk.length;
      if (options.maxBytes !== undefined && length > options.maxBytes) {
        body.destroy();
        return null;
      }
      chunks.push(chunk);
    }
    return new Uint8Array(Buffer.concat(chunks, length));
  });
  if (!read.ok) return read;
  return read.value === null
    ? err("payload_too_large", `The object is larger than ${options.maxBytes} bytes`)
    : ok(read.value);
}

/** Idempotent: deleting a key that is not there is ok (S3 answers 204 either way). */
export async function deleteObject(storage: Storage, key: string): Promise<Result<void>> {
  const result = await callStorage(storage, "metadataMs", async (abortSignal) => {
    await storage.client.send(new DeleteObjectCommand({ Bucket: storage.bucket, Key: key }), { abortSignal });
  });
  return !result.ok && result.error.code === "not_found" ? { ok: true, value: undefined } : result;
}

/**
 * Every object under `prefix`, page by page. Unlike the rest of this module it throws the SDK error on
 * failure (a generator has no Result to return); its message may name the endpoint, so log it, never show it.
 */
export async function* listObjects(
  storage: Storage,
  prefix: string,
  options: { pageSize?: number } = {},
): AsyncGenerator<ListedObject> {
  let token: string | undefined;
  do {
    const page = await storage.client.send(
      new ListObjectsV2Command({
        Bucket: storage.bucket,
        Prefix: prefix,
        ContinuationToken: token,
        MaxKeys: options.pageSize,
      }),
      { abortSignal: AbortSignal.timeout(timeoutOf(storage, "transferMs")) },
    );
    for (const object of page.Contents ?? []) {
      if (object.Key) {
        yield { key: object.Key, byteSize: object.Size ?? 0, lastModified: object.LastModified ?? null };
      }
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

function toSdkBody(body: PutObjectInput["body"]): Uint8Array | Readable {
  if (body instanceof Uint8Array || body instanceof Readable) return body;
  return new Readable().wrap(body);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function unquote(etag: string | undefined): string | null {
  return etag ? etag.replace(/^"|"$/g, "") : null;
}

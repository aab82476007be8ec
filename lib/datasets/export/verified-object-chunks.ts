import "server-only";
import { createHash } from "node:crypto";
import type { AppError } from "@/lib/result";
import { getObjectStream } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";

/** The stored bytes are not the bytes the version recorded: the export stops rather than ship them. */
export class ChecksumMismatchError extends Error {
  constructor(
    readonly objectKey: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `sha256 mismatch for ${objectKey}: expected ${expected}, got ${actual}; the stored object is corrupt (run the doctor with --verify-checksums)`,
    );
    this.name = "ChecksumMismatchError";
  }
}

/** The bucket did not give an object's bytes (down, or the object is gone): the export stops with this error. */
export class UnreadableObjectError extends Error {
  constructor(
    objectKey: string,
    readonly appError: AppError,
  ) {
    super(`cannot read ${objectKey}: ${appError.message}`);
    this.name = "UnreadableObjectError";
  }
}

/**
 * An object's bytes as they stream from the bucket, hashed on the way: after the last chunk a sha256 other than
 * `expectedSha256` throws ChecksumMismatchError (the consumer has seen the bytes, so it must discard them).
 */
export async function* verifiedObjectChunks(
  storage: Storage,
  objectKey: string,
  expectedSha256: string,
): AsyncGenerator<Uint8Array> {
  const object = await getObjectStream(storage, objectKey);
  if (!object.ok) throw new UnreadableObjectError(objectKey, object.error);
  const hash = createHash("sha256");
  for await (const chunk of object.value.body as AsyncIterable<Buffer>) {
    hash.update(chunk);
    yield chunk;
  }
  const actual = hash.digest("hex");
  if (actual !== expectedSha256) throw new ChecksumMismatchError(objectKey, expectedSha256, actual);
}

import "server-only";
import { CreateBucketCommand, HeadBucketCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { S3Settings } from "@/lib/config";

export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials:
      settings.accessKeyId && settings.secretAccessKey
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined,
    // SDK v3 otherwise sends streamed bodies aws-chunked with trailing checksums; s3rver stores the chunk
    // framing as data (silent corruption) and MinIO/R2 reject some of them. We compute our own sha256.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
  });
}

/** A client and its bucket: what a Storage holds, or what set-up has before it builds one. */
type BucketHandle = { client: S3Client; bucket: string };

/** HeadBucket bounded by `timeoutMs`; true when the bucket answers. */
export async function isBucketReachable(
  { client, bucket }: BucketHandle,
  timeoutMs: number,
): Promise<boolean> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }), {
      abortSignal: AbortSignal.timeout(timeoutMs),
    });
    return true;
  } catch {
    return false;
  }
}

/** HeadBucket with the configured keys: null when it answers, else why not (for operators, not for users). */
export async function describeBucketAccess(
  { client, bucket }: BucketHandle,
  timeoutMs: number,
): Promise<string | null> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }), {
      abortSignal: AbortSignal.timeout(timeoutMs),
    });
    return null;
  } catch (error) {
    if (error instanceof S3ServiceException) {
      const status = error.$metadata.httpStatusCode;
      if (status === 404) return `bucket ${bucket} does not exist`;
      if (status === 403) return `the keys may not access bucket ${bucket} (403)`;
      return `${error.name} (${status ?? "no status"})`;
    }
    return error instanceof Error ? error.message : String(error);
  }
}

/** Creates the bucket unless it exists (operator set-up for the local stack and docker-compose). */
export async function ensureBucket({ client, bucket }: BucketHandle): Promise<void> {
  if (await isBucketReachable({ client, bucket }, 5000)) return;
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const alreadyThere =
      error instanceof S3ServiceException &&
      ["BucketAlreadyOwnedByYou", "BucketAlreadyExists"].includes(error.name);
    if (!alreadyThere) throw error;
  }
}

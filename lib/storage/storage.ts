import "server-only";
import type { S3Client } from "@aws-sdk/client-s3";
import { type Config, getConfig } from "@/lib/config";
import { createS3Client } from "./s3-client";

export type StorageTimeouts = {
  /** get, copy, each list page and a large put; bounds the whole call including the SDK's retries. */
  transferMs: number;
  /** head and delete: small answers, so a dead store is noticed quickly; a put gets this plus time for its bytes. */
  metadataMs: number;
};

/**
 * The canonical object store of a deployment: one client, one bucket. Everything after `bucket` is
 * optional so a bare `{ client, bucket }` (health checks, test contexts) still works; the functions of
 * this module fill in the defaults named on each field.
 */
export type Storage = {
  client: S3Client;
  bucket: string;
  /** Signs the URLs browsers use, so it targets S3_PUBLIC_ENDPOINT when that is set. Default: `client`. */
  signingClient?: S3Client;
  /** How long a signed GET stays valid (SIGNED_URL_TTL_SECONDS). Default: 3600. */
  ttlSeconds?: number;
  /** CDN in front of the bucket; null or absent means browsers get S3 presigned URLs. */
  cdn?: Config["cdn"];
  /**
   * Send x-amz-checksum-sha256 on puts so AWS rejects corrupted bytes. Default: false, because S3-compatible
   * stores differ: s3rver ignores it and some MinIO/R2 versions reject requests that carry it.
   */
  sendChecksums?: boolean;
  /** Default: transferMs 30 s, metadataMs 5 s. */
  timeouts?: Partial<StorageTimeouts>;
};

/** Builds the store from config: checksums only on AWS itself, a second client for the public endpoint. */
export function createStorage(config: Config): Storage {
  const { s3 } = config;
  const client = createS3Client(s3);
  const signingClient =
    s3.publicEndpoint && s3.publicEndpoint !== s3.endpoint
      ? createS3Client({ ...s3, endpoint: s3.publicEndpoint })
      : client;
  return {
    client,
    bucket: s3.bucket,
    signingClient,
    ttlSeconds: config.signedUrlTtlSeconds,
    cdn: config.cdn,
    sendChecksums: !s3.endpoint,
  };
}

let storage: Storage | undefined;

export function getStorage(): Storage {
  storage ??= createStorage(getConfig());
  return storage;
}

/** Closes the storage's connections (commands and scripts, when they are done). */
export function closeStorage(storage: Storage): void {
  storage.client.destroy();
}

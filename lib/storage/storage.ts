import "server-only";
import type { S3Client } from "@aws-sdk/client-s3";
import { getConfig } from "@/lib/config";
import { createS3Client } from "./s3-client";

/** The canonical object store of a deployment: one client, one bucket. */
export type Storage = { client: S3Client; bucket: string };

let storage: Storage | undefined;

export function getStorage(): Storage {
  if (!storage) {
    const { s3 } = getConfig();
    storage = { client: createS3Client(s3), bucket: s3.bucket };
  }
  return storage;
}

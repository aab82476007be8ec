import { randomBytes } from "node:crypto";
import { DeleteObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { type Config, parseConfig } from "@/lib/config";
import { closeDatabase, createDatabase, type Database } from "@/lib/db/client";
import { createS3Client, ensureBucket } from "@/lib/storage/s3-client";
import type { Storage } from "@/lib/storage/storage";
import { TEMPLATE_DATABASE, type TestStack } from "./test-stack";

export type TestContext = {
  db: Database;
  storage: Storage;
  config: Config;
  env: Record<string, string>;
  stack: TestStack;
};

/**
 * A database and a bucket of this test file's own, on the real servers of the global setup. The file's
 * process.env points at them too, so code that reads the config (route handlers) uses them.
 * Dropped after the file's tests.
 */
export async function createTestContext(): Promise<TestContext> {
  const stack = inject("testStack");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(stack.postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${TEMPLATE_DATABASE}"`);
  await admin.end();

  const databaseUrl = new URL(stack.poolerUrl ?? stack.postgresUrl);
  databaseUrl.pathname = `/${name}`;
  const bucket = `lb-${name.replace(/_/g, "-")}`;
  const env = {
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    APP_URL: "http://localhost:3000",
    AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
    DATABASE_URL: databaseUrl.toString(),
    // Through the pooler: what the README asks of a serverless deployment behind a transaction-mode pooler.
    DATABASE_POOL_MAX: stack.poolerUrl ? "3" : "5",
    DATABASE_PREPARED_STATEMENTS: stack.poolerUrl ? "false" : "true",
    S3_ENDPOINT: stack.s3.endpoint,
    S3_REGION: stack.s3.region,
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: stack.s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: stack.s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true",
    // No worker runs beside most tests, so derivations only pile up: backpressure is tested where it is meant
    // (lib/images/ingest/ingest-capacity.test.ts), with a limit of its own.
    INGEST_BACKLOG_LIMIT: "1000000",
  };
  Object.assign(process.env, env);
  const config = parseConfig(env);
  const db = createDatabase(config.database);
  const client = createS3Client(config.s3);
  await ensureBucket({ client, bucket });

  afterAll(async () => {
    await closeDatabase(db);
    await emptyBucket(client, bucket).catch(() => {});
    client.destroy();
    const cleanup = postgres(stack.postgresUrl, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
    await cleanup.end();
  });

  return { db, storage: { client, bucket }, config, env, stack };
}

async function emptyBucket(client: ReturnType<typeof createS3Client>, bucket: string): Promise<void> {
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    // One DeleteObject each: s3rver wants Content-MD5 on DeleteObjects, which SDK v3 no longer sends.
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
    await Promise.all(keys.map((key) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

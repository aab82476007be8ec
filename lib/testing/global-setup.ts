// Vitest global setup: one real Postgres server and one real S3-compatible server for the whole run
// (embedded, in throwaway directories), or the ones named by TEST_DATABASE_URL / TEST_S3_ENDPOINT.
// Each test file then gets its own database (cloned from a migrated template) and its own bucket.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/local-stack/embedded-postgres";
import { findFreePort } from "@/lib/local-stack/ports";
import { startS3Server } from "@/lib/local-stack/s3-server";
import { migrateDatabase } from "@/lib/setup/migrate-database";
import { startPgBouncer } from "./pgbouncer";
import { TEMPLATE_DATABASE, type TestStack } from "./test-stack";

export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-test-"));
  // mkdtemp makes it 0700; as root, embedded-postgres runs the server as the `postgres` user, who must enter it.
  await chmod(scratch, 0o755);
  const stops: (() => Promise<void>)[] = [];

  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(scratch, "postgres"),
      port: await findFreePort(),
      database: "postgres",
    });
    stops.push(server.stop);
    serverUrl = server.url;
  }
  const templateUrl = withDatabase(serverUrl, TEMPLATE_DATABASE);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${TEMPLATE_DATABASE}"`);
  await admin.unsafe(`create database "${TEMPLATE_DATABASE}"`);
  await admin.end();
  await migrateDatabase(templateUrl);

  let s3: TestStack["s3"];
  if (process.env.TEST_S3_ENDPOINT) {
    s3 = {
      endpoint: process.env.TEST_S3_ENDPOINT,
      region: process.env.TEST_S3_REGION || "us-east-1",
      accessKeyId: process.env.TEST_S3_ACCESS_KEY_ID || "minioadmin",
      secretAccessKey: process.env.TEST_S3_SECRET_ACCESS_KEY || "minioadmin",
      verifiesSignatures: true,
    };
  } else {
    const server = await startS3Server({
      directory: path.join(scratch, "s3"),
      port: await findFreePort(),
      bucket: "lightbox-test-default",
    });
    stops.push(server.stop);
    const { endpoint, region, accessKeyId, secretAccessKey } = server;
    s3 = { endpoint, region, accessKeyId, secretAccessKey, verifiesSignatures: false };
  }

  let poolerUrl: string | undefined;
  if (project.name === "pooler") {
    const pooler = await startPgBouncer({
      serverUrl,
      port: await findFreePort(),
      dir: path.join(scratch, "pgbouncer"),
    });
    stops.push(pooler.stop);
    poolerUrl = pooler.url;
  }

  project.provide("testStack", { postgresUrl: serverUrl, poolerUrl, s3 } satisfies TestStack);

  return async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    await rm(scratch, { recursive: true, force: true });
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    testStack: TestStack;
  }
}

import net from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { findFreePort } from "@/lib/local-stack/ports";
import { createS3Client } from "@/lib/storage/s3-client";
import type { Storage } from "@/lib/storage/storage";
import { createTestContext } from "@/lib/testing/test-context";
import { makeTestPng } from "../testing/test-images";
import { ingestImage } from "./ingest-image";

// No database connection is held while the bucket is slow: a frozen store must not stall database-only requests
// (on serverless, with a pool of 3, it would stall every request).
const context = await createTestContext();
const POOL = 2;
const STALL_MS = 2500;

describe("ingest while the object store is frozen", () => {
  const sockets: net.Socket[] = [];
  const frozen = net.createServer((socket) => sockets.push(socket));
  const db = createDatabase({ ...context.config.database, poolMax: POOL });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    frozen.close();
    await closeDatabase(db);
  });

  it("keeps the pool free for other queries while ingests wait on the bucket, then fails them clearly", async () => {
    const port = await findFreePort();
    await new Promise<void>((resolve) => frozen.listen(port, "127.0.0.1", resolve));
    const storage: Storage = {
      client: createS3Client({ ...context.config.s3, endpoint: `http://127.0.0.1:${port}` }),
      bucket: context.storage.bucket,
      timeouts: { metadataMs: STALL_MS, transferMs: STALL_MS },
    };
    const deps = { db, storage, limits: context.config.limits };
    const images = await Promise.all(Array.from({ length: POOL * 2 }, () => makeTestPng()));
    const ingests = Promise.all(
      images.map((bytes) => ingestImage(deps, { bytes, metadata: {}, source: "api" })),
    );
    // Let every ingest reach the bucket.
    await new Promise((resolve) => setTimeout(resolve, 400));

    const started = performance.now();
    await db.execute(sql`select count(*) from runs`);
    const queryMs = performance.now() - started;
    expect(queryMs).toBeLessThan(STALL_MS / 2);

    for (const outcome of await ingests) {
      expect(outcome).toMatchObject({ ok: false, error: { code: "storage_unavailable" } });
    }
    storage.client.destroy();
  });
});

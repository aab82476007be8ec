import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { findFreePort } from "@/lib/local-stack/ports";
import { startS3Server } from "@/lib/local-stack/s3-server";
import { createS3Client } from "@/lib/storage/s3-client";
import { createTestContext } from "@/lib/testing/test-context";
import { checkHealth } from "./check-health";

const context = await createTestContext();
const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-health-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("checkHealth against the real servers", () => {
  it("reports both ok when Postgres and the bucket answer", async () => {
    expect(await checkHealth({ db: context.db, storage: context.storage })).toEqual({
      db: "ok",
      storage: "ok",
    });
  });

  it("names storage within 3 s once the S3 server is stopped", async () => {
    // A server of this test's own: stopping the shared one would break the other test files.
    const server = await startS3Server({ directory: scratch, port: await findFreePort(), bucket: "health" });
    const storage = {
      client: createS3Client({ ...context.config.s3, endpoint: server.endpoint }),
      bucket: "health",
    };
    expect(await checkHealth({ db: context.db, storage })).toEqual({ db: "ok", storage: "ok" });

    await server.stop();
    const started = Date.now();
    expect(await checkHealth({ db: context.db, storage })).toEqual({ db: "ok", storage: "unavailable" });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("names storage within 3 s when the endpoint accepts connections but never answers", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    const port = await findFreePort();
    await new Promise<void>((resolve) => silent.listen(port, "127.0.0.1", resolve));
    const storage = {
      client: createS3Client({ ...context.config.s3, endpoint: `http://127.0.0.1:${port}` }),
      bucket: "health",
    };
    const started = Date.now();
    expect(await checkHealth({ db: context.db, storage })).toEqual({ db: "ok", storage: "unavailable" });
    expect(Date.now() - started).toBeLessThan(3000);
    for (const socket of sockets) socket.destroy();
    silent.close();
  });

  it("names the database within 3 s when Postgres does not answer", async () => {
    const port = await findFreePort();
    const db = createDatabase({
      url: `postgres://nobody:x@127.0.0.1:${port}/none`,
      poolMax: 1,
      preparedStatements: true,
    });
    const started = Date.now();
    expect(await checkHealth({ db, storage: context.storage })).toEqual({ db: "unavailable", storage: "ok" });
    expect(Date.now() - started).toBeLessThan(3000);
    await closeDatabase(db).catch(() => {});
  });
});

import { afterAll } from "vitest";
import { closeDatabase, createDatabase, type Database } from "@/lib/db/client";
import type { IngestDeps } from "@/lib/images/ingest/ingest-image";
import { createS3Client } from "@/lib/storage/s3-client";
import type { Storage, StorageTimeouts } from "@/lib/storage/storage";
import { type FaultProxy, startFaultProxy } from "./fault-proxy";
import type { TestContext } from "./test-context";

type FaultStack = {
  pg: FaultProxy;
  s3: FaultProxy;
  /** The test file's database and bucket, reached through the proxies. */
  databaseUrl: string;
  s3Endpoint: string;
  /** Ingest deps whose every DB and S3 call crosses the proxies; closed with the stack. */
  openDeps(timeouts?: Partial<StorageTimeouts>): IngestDeps;
  /** Back to pass-through, with no live connection left in any fault state. */
  heal(): Promise<void>;
};

/** Short budgets so a stalled store fails in about a second rather than the production 30 s. */
const FAULT_TIMEOUTS: StorageTimeouts = { transferMs: 1500, metadataMs: 750 };

/** One proxy in front of Postgres and one in front of the S3 server, for this test file's context. */
export async function startFaultStack(context: TestContext): Promise<FaultStack> {
  const databaseUrl = new URL(context.config.database.url);
  const s3Endpoint = new URL(context.stack.s3.endpoint);
  const pg = await startFaultProxy({ host: databaseUrl.hostname, port: Number(databaseUrl.port) });
  const s3 = await startFaultProxy({ host: s3Endpoint.hostname, port: Number(s3Endpoint.port) });
  databaseUrl.host = pg.address;
  s3Endpoint.host = s3.address;
  const opened: { db: Database; storage: Storage }[] = [];

  afterAll(async () => {
    for (const { db, storage } of opened) {
      await closeDatabase(db).catch(() => {});
      storage.client.destroy();
    }
    await pg.close();
    await s3.close();
  });

  return {
    pg,
    s3,
    databaseUrl: databaseUrl.toString(),
    s3Endpoint: s3Endpoint.origin,
    openDeps(timeouts = FAULT_TIMEOUTS) {
      // A fresh pool each time: a scenario's pattern trigger (a Postgres `commit`) is then sure to see the
      // statement text, which a prepared statement sends only on a connection's first use.
      const db = createDatabase({ ...context.config.database, url: databaseUrl.toString(), poolMax: 3 });
      const client = createS3Client({ ...context.config.s3, endpoint: s3Endpoint.origin });
      const storage: Storage = { client, bucket: context.storage.bucket, timeouts };
      opened.push({ db, storage });
      return { db, storage, limits: context.config.limits };
    },
    async heal() {
      for (const proxy of [pg, s3]) {
        proxy.disarm();
        proxy.setMode({ kind: "pass" });
        proxy.cutAll();
      }
      // Let the pools see their idle connections close, so the next query opens a new one instead of
      // writing to a dead socket.
      await new Promise((resolve) => setTimeout(resolve, 100));
    },
  };
}

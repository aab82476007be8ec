import { type ChildProcess, spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, createDatabase, type Database } from "@/lib/db/client";
import { ingestImage } from "@/lib/images/ingest/ingest-image";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { startEmbeddedPostgres } from "@/lib/local-stack/embedded-postgres";
import { findFreePort } from "@/lib/local-stack/ports";
import { migrateDatabase } from "@/lib/setup/migrate-database";
import { expectContractHolds } from "@/lib/testing/storage-contract";
import { createTestContext } from "@/lib/testing/test-context";
import { DERIVE_QUEUE } from "./queues";

// Workers as separate processes (lib/testing/job-worker-child.ts) against the real servers: killed mid-job,
// sharing a queue, and under a Postgres that restarts. Jobs here expire after 3 s (production: 90 s) and retry at
// once, so a killed worker's job comes back within seconds.
const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
const CHILD = path.resolve("lib/testing/job-worker-child.ts");
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

async function prepareQueue(db: Database): Promise<void> {
  await db.execute(sql`create table if not exists job_runs (image_id uuid not null, pid int not null)`);
  await db.execute(
    sql`update pgboss.queue set expire_seconds = 3, retry_delay = 0, retry_backoff = false where name = ${DERIVE_QUEUE}`,
  );
}
beforeAll(() => prepareQueue(context.db));

function startWorker(env: Record<string, string> = {}) {
  // node with tsx as a loader, not the tsx CLI: the CLI runs the script in a second process, which a SIGKILL of
  // the first would leave running.
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", CHILD], {
    env: { ...process.env, ...context.env, LOG_LEVEL: "silent", ...env },
    stdio: "pipe",
  });
  children.push(child);
  let out = "";
  child.stdout?.on("data", (chunk) => {
    out += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    out += chunk;
  });
  const ready = until(() => out.includes("ready") || child.exitCode !== null, 30_000).then(() => {
    if (!out.includes("ready")) throw new Error(`the worker did not start:\n${out}`);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, ready, exited, output: () => out };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function post(db: Database): Promise<string> {
  const result = await ingestImage(
    { ...deps, db },
    { bytes: await makeTestPng(), source: "api", metadata: {} },
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value.image.id;
}

const runsOf = async (db: Database, imageId: string) =>
  (await db.execute<{ pid: number }>(sql`select pid from job_runs where image_id = ${imageId}`)).map(
    (row) => row.pid,
  );
const stateOf = async (db: Database, imageId: string) =>
  (
    await db.execute<{ state: string }>(sql`select derive_state as state from images where id = ${imageId}`)
  )[0]?.state;
const pendingCount = async (db: Database) =>
  Number((await db.execute(sql`select count(*)::int as n from images where derive_state = 'pending'`))[0]?.n);

describe("job workers under faults", () => {
  it("SIGKILL mid-job: the job runs again, once, and the image gets its variants", {
    timeout: 90_000,
  }, async () => {
    const imageId = await post(context.db);
    const first = startWorker({ JOB_HOLD_MS: "600000" });
    await first.ready;
    await until(async () => (await runsOf(context.db, imageId)).length === 1, 30_000);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    expect(await stateOf(context.db, imageId)).toBe("pending");

    const second = startWorker();
    await second.ready;
    await until(async () => (await stateOf(context.db, imageId)) === "done", 45_000);
    // Past another expiry and maintenance round: nothing runs it a third time.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const runs = await runsOf(context.db, imageId);
    expect(runs).toEqual([first.child.pid, second.child.pid]);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    await expectContractHolds(deps);
  });

  it("two worker processes on one queue run every job exactly once", { timeout: 120_000 }, async () => {
    const ids: string[] = [];
    for (let index = 0; index < 30; index += 1) ids.push(await post(context.db));
    const workers = [startWorker({ JOB_HOLD_MS: "150" }), startWorker({ JOB_HOLD_MS: "150" })];
    await Promise.all(workers.map((worker) => worker.ready));
    await until(async () => (await pendingCount(context.db)) === 0, 90_000);
    const runs = await context.db.execute<{ image_id: string; pid: number }>(
      sql`select image_id, pid from job_runs where image_id = any(${sql.param(`{${ids.join(",")}}`)}::uuid[])`,
    );
    expect(runs.map((run) => run.image_id).sort()).toEqual([...ids].sort());
    // Both took a share (each holds a job 150 ms, so neither can drain thirty alone before the other starts).
    expect(new Set(runs.map((run) => run.pid))).toEqual(new Set(workers.map((worker) => worker.child.pid)));
    for (const worker of workers) worker.child.kill("SIGTERM");
    expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0]);
    await expectContractHolds(deps);
  });

  it("Postgres restarting under a worker: it reconnects and clears what was queued meanwhile", {
    timeout: 120_000,
  }, async () => {
    // A server of its own (the suite's shared one must stay up for the other files).
    const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-restart-"));
    await chmod(scratch, 0o755);
    const port = await findFreePort();
    const options = { dataDir: path.join(scratch, "pg"), port };
    let server = await startEmbeddedPostgres(options);
    await migrateDatabase(server.url);
    const db = createDatabase({ url: server.url, poolMax: 3, preparedStatements: true });
    try {
      await prepareQueue(db);
      // Each job held 300 ms: the restart lands while jobs run and complete.
      const worker = startWorker({ DATABASE_URL: server.url, LOG_LEVEL: "warn", JOB_HOLD_MS: "300" });
      await worker.ready;
      const before: string[] = [];
      for (let index = 0; index < 6; index += 1) before.push(await post(db));
      await until(async () => (await runsOf(db, before[0] ?? "")).length > 0, 30_000);

      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      server = await startEmbeddedPostgres(options);
      const after = await post(db);
      await until(async () => (await pendingCount(db)) === 0, 60_000).catch((error) => {
        throw new Error(`${error}\n${worker.output()}`);
      });
      for (const id of [...before, after]) expect(await stateOf(db, id)).toBe("done");
      expect(worker.child.exitCode).toBeNull();
      worker.child.kill("SIGTERM");
      expect(await worker.exited).toBe(0);
    } finally {
      await closeDatabase(db);
      await server.stop();
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

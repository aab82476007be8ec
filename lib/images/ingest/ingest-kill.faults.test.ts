import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { PatternFault } from "@/lib/testing/fault-proxy";
import { startFaultStack } from "@/lib/testing/fault-stack";
import {
  countImages,
  expectContractHolds,
  expectStoredImage,
  sha256Of,
} from "@/lib/testing/storage-contract";
import { createTestContext } from "@/lib/testing/test-context";
import { makeTestPng } from "../testing/test-images";

// The app process dies by SIGKILL in the middle of an ingest (no cleanup code runs), then starts again and
// ingests the same file. The child is lib/testing/ingest-child.ts; it reaches Postgres and S3 through the
// proxies, which hold it at a chosen point so the kill lands there.
const context = await createTestContext();
const direct = { db: context.db, storage: context.storage, limits: context.config.limits };
const faults = await startFaultStack(context);
const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-kill-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const CHILD = path.resolve("lib/testing/ingest-child.ts");
const childEnv = {
  ...process.env,
  ...context.env,
  DATABASE_URL: faults.databaseUrl,
  S3_ENDPOINT: faults.s3Endpoint,
  LOG_LEVEL: "silent",
};

function startChild(file: string): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; out: string }>;
} {
  // node with tsx as a loader, not the tsx CLI: the CLI runs the script in a second process, which a SIGKILL of
  // the first would leave running.
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", CHILD, file], {
    env: childEnv,
    stdio: "pipe",
  });
  let out = "";
  child.stdout?.on("data", (chunk) => {
    out += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    out += chunk;
  });
  const exited = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, out })),
  );
  return { child, exited };
}

/** Starts an ingest, SIGKILLs it once it reaches `holdAt`, checks the contract, then ingests the file again. */
async function killAndRestart(proxy: "pg" | "s3", holdAt: PatternFault["pattern"]) {
  await faults.heal();
  const bytes = await makeTestPng({ width: 320, height: 240 });
  const file = path.join(scratch, `${sha256Of(bytes)}.png`);
  await writeFile(file, bytes);

  const held = faults[proxy].onUpstreamMatch({ pattern: holdAt, action: "stall" });
  const first = startChild(file);
  const reached = await Promise.race([held.then(() => true), first.exited.then(() => false)]);
  expect(reached, "the child reached the point where it is killed").toBe(true);
  first.child.kill("SIGKILL");
  expect((await first.exited).code).toBeNull();
  // Its sockets are gone with it; the proxies let Postgres and S3 see that.
  await faults.heal();

  expect(await countImages(context.db, sha256Of(bytes))).toBe(0);
  await expectContractHolds(direct);

  const second = await startChild(file).exited;
  expect(second.code, second.out).toBe(0);
  const outcome = JSON.parse(second.out.trim().split("\n").at(-1) ?? "{}");
  expect(outcome).toMatchObject({ ok: true, image: { sha256: sha256Of(bytes) } });
  await expectStoredImage(direct, outcome.image);
  expect(await countImages(context.db, sha256Of(bytes))).toBe(1);
  await expectContractHolds(direct);
}

describe("app killed mid-ingest, then restarted", () => {
  it("SIGKILL while the original is uploading: nothing half-made is kept; the restart stores one image", {
    timeout: 40_000,
  }, async () => {
    await killAndRestart("s3", `PUT /${context.storage.bucket}/originals/`);
  });

  it("SIGKILL after the objects are up, before the row is written: the restart stores one image", {
    timeout: 40_000,
  }, async () => {
    await killAndRestart("pg", 'insert into "images"');
  });
});

// The zero-configuration launcher, run as a user runs it: real processes, real ports, a throwaway .data/.
import { type ChildProcess, spawn } from "node:child_process";
import { access, chmod, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { findFreePort, isPortFree } from "@/lib/local-stack/ports";
import { isProcessAlive } from "@/lib/local-stack/processes";

const ROOT = path.resolve(import.meta.dirname, "..");
const tsx = createRequire(import.meta.url).resolve("tsx");
const dataDir = await mkdtemp(path.join(os.tmpdir(), "lightbox-start-"));
// As root the embedded server runs as the `postgres` user, who must be able to enter the data folder.
await chmod(dataDir, 0o755);
afterAll(() => rm(dataDir, { recursive: true, force: true }));

type Launch = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

const launched: ChildProcess[] = [];
// A failing assertion must not leave a launcher (and its servers) running after the suite.
afterAll(async () => {
  for (const child of launched) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
});

function launch(env: Record<string, string>): Launch {
  let output = "";
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", tsx, "scripts/start.ts"], {
    cwd: ROOT,
    env: { ...cleanEnv(), LIGHTBOX_DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  launched.push(child);
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** The parent's environment without anything that would point the launcher at other services. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(DATABASE_|S3_|CDN_|APP_URL|AUTH_SECRET|PORT$|NODE_ENV)/.test(key)) delete env[key];
  }
  return env;
}

async function waitFor(launched: Launch, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = launched.output().match(pattern);
    if (match) return match;
    if (launched.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`launcher output never matched ${pattern}:\n${launched.output().slice(-3000)}`);
}

/** A child process of the launcher whose command line contains `script` (serve-app, worker.ts). */
async function findChildPid(launcherPid: number, script: string): Promise<number> {
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // Field 4 (after the parenthesised command, which may hold spaces) is the parent pid.
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const command = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (parent === launcherPid && command.includes(script)) return Number(entry);
  }
  throw new Error(`no ${script} under launcher ${launcherPid}`);
}

describe("npm start with zero configuration", () => {
  it("stops with a message naming DATABASE_URL when it is bad", async () => {
    const launched = launch({ DATABASE_URL: "nope" });
    expect(await launched.exited).toBe(1);
    expect(launched.output()).toMatch(/DATABASE_URL must be a postgres:\/\//);
  });

  it("starts, serves health, refuses a second start, stops cleanly and keeps data", {
    timeout: 300_000,
  }, async () => {
    const port = await findFreePort();
    const first = launch({ PORT: String(port) });
    await waitFor(first, /Lightbox is running at (\S+)/, 240_000);
    expect(first.output()).toMatch(/e-mail: +admin@lightbox\.local\n +password: +\S{12,}/);
    const databaseUrl = (await waitFor(first, /Database \(embedded\): (\S+)/, 1000))[1] ?? "";
    const s3Port = Number(
      new URL((await waitFor(first, /Object store \(local\): (\S+)/, 1000))[1] ?? "").port,
    );

    const health = await fetch(`http://localhost:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ db: "ok", storage: "ok", ingest_lane: "ok" });

    const sql = postgres(databaseUrl, { max: 1 });
    await sql`insert into runs (name) values ('kept-across-restarts')`;
    await sql.end();

    // The worker beside the app makes a posted image's variants; it runs at a lower priority than the app.
    const workerPid = await findChildPid(first.child.pid ?? -1, "worker.ts");
    const serverPid = await findChildPid(first.child.pid ?? -1, "serve-app");
    expect(os.getPriority(workerPid)).toBeGreaterThan(os.getPriority(serverPid));
    // So does the ingest lane, the app's second server process, which the app's server hands image posts.
    const lanePid = await findChildPid(serverPid, "serve-app.ts\u0000lane");
    expect(os.getPriority(lanePid)).toBeGreaterThan(os.getPriority(serverPid));
    const db = createDatabase({ url: databaseUrl, poolMax: 1, preparedStatements: true });
    const { key } = await createApiKey(db, { name: "start-test", scopes: ["ingest", "read"] });
    await closeDatabase(db);
    const form = new FormData();
    form.set("file", new Blob([Buffer.from(await makeTestPng())]), "start.png");
    const posted = await fetch(`http://localhost:${port}/api/v1/images`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };
    const deadline = Date.now() + 60_000;
    let state = "pending";
    while (state === "pending" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const got = await fetch(`http://localhost:${port}/api/v1/images/${id}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      state = ((await got.json()) as { derive_state: string }).derive_state;
    }
    expect(state).toBe("done");

    // With the lane gone the app's server refuses image posts with 503 + Retry-After, and restarts it.
    process.kill(lanePid, "SIGKILL");
    // Health says so once the server has seen the lane go (its exit is an event, not instant), and still answers
    // 200 meanwhile: every page and decision is served. The lane comes back a second or more later.
    let laneHealth = "ok";
    const seenBy = Date.now() + 5000;
    while (laneHealth === "ok" && Date.now() < seenBy) {
      const response = await fetch(`http://localhost:${port}/api/health`);
      expect(response.status).toBe(200);
      laneHealth = ((await response.json()) as { ingest_lane: string }).ingest_lane;
    }
    expect(laneHealth).toBe("restarting");
    const postAgain = () =>
      fetch(`http://localhost:${port}/api/v1/images`, {
        method: "POST",
        body: form,
        headers: { authorization: `Bearer ${key}` },
      });
    const refused = await postAgain();
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("2");
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("overloaded");
    let retried = refused;
    while (retried.status === 503 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      retried = await postAgain();
    }
    expect(retried.status).toBe(200);
    const restartedLanePid = await findChildPid(serverPid, "serve-app.ts\u0000lane");
    expect(restartedLanePid).not.toBe(lanePid);
    expect(await (await fetch(`http://localhost:${port}/api/health`)).json()).toMatchObject({
      ingest_lane: "ok",
    });

    const second = launch({ PORT: String(await findFreePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already running from this folder \(pid \d+\)/);

    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    expect(isProcessAlive(workerPid), "the worker stopped with the launcher").toBe(false);
    expect(isProcessAlive(restartedLanePid), "the lane stopped with the app's server").toBe(false);
    const databasePort = Number(new URL(databaseUrl).port);
    for (const freed of [port, databasePort, s3Port]) expect(await isPortFree(freed)).toBe(true);

    const again = launch({ PORT: String(port) });
    await waitFor(again, /Lightbox is running at/, 120_000);
    expect(again.output()).not.toMatch(/password:/);
    // The preferred port may have been taken meanwhile: read where the database is now.
    const reopenedUrl = (await waitFor(again, /Database \(embedded\): (\S+)/, 1000))[1] ?? "";
    const reopened = postgres(reopenedUrl, { max: 1 });
    const rows = await reopened`select name from runs where name = 'kept-across-restarts'`;
    await reopened.end();
    expect(rows).toHaveLength(1);
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  });

  it("when the app server is killed, says why, stops the services, frees the lock and exits non-zero", {
    timeout: 180_000,
  }, async () => {
    const port = await findFreePort();
    const launched = launch({ PORT: String(port) });
    await waitFor(launched, /Lightbox is running at/, 150_000);
    const databasePort = Number(
      new URL((await waitFor(launched, /Database \(embedded\): (\S+)/, 1000))[1] ?? "").port,
    );
    const s3Port = Number(
      new URL((await waitFor(launched, /Object store \(local\): (\S+)/, 1000))[1] ?? "").port,
    );
    const serverPid = await findChildPid(launched.child.pid ?? -1, "serve-app");
    const lanePid = await findChildPid(serverPid, "serve-app.ts\u0000lane");
    const laneEnvironment = await readFile(`/proc/${lanePid}/environ`, "utf8");
    const laneSocket = laneEnvironment.match(/LIGHTBOX_INGEST_LANE_SOCKET=([^\0]+)/)?.[1] ?? "";
    expect(laneSocket).toMatch(/lane\.sock$/);
    process.kill(serverPid, "SIGKILL");

    const exitCode = await Promise.race([
      launched.exited,
      new Promise<string>((resolve) => setTimeout(() => resolve("still running after 30 s"), 30_000)),
    ]);
    expect(exitCode).toBe(1);
    expect(launched.output()).toMatch(/app server stopped unexpectedly \(it was killed by SIGKILL\)/);
    for (const freed of [port, databasePort, s3Port]) expect(await isPortFree(freed)).toBe(true);
    // The lane lives only as long as the server that feeds it.
    const laneDeadline = Date.now() + 10_000;
    while (isProcessAlive(lanePid) && Date.now() < laneDeadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    const laneState = await readFile(`/proc/${lanePid}/stat`, "utf8").catch(() => "gone");
    expect(isProcessAlive(lanePid), `the lane stopped with its server (${laneState})`).toBe(false);
    await expect(access(path.dirname(laneSocket)), "the lane removed its socket's folder").rejects.toThrow();
    await expect(access(path.join(dataDir, "lightbox.lock"))).rejects.toThrow();
  });
});

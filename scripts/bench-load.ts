// `npm run bench:load`: mixed load on loopback against the production server on a throwaway stack, in a bounded
// window (BENCH_SECONDS, default 40; with the importer's stop and the doctor the measured phase stays under 60 s):
//   generators: concurrency 16 multipart POSTs of unique images        (scripts/bench-load-client.ts, autocannon)
//   20 reviewers: API list pages by cursor, gallery pages, decisions  (same client process, one connection each)
//   an importer: `cli import` of a folder of PNGs, in its own process
// then `cli doctor`, and the decisions recorded in the database against the decisions sent.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import sharp from "sharp";
import { closeDatabase, createDatabase, type Database } from "@/db/client";
import { users } from "@/db/schema";
import { createApiKey } from "@/lib/auth/api-keys";
import { findFreePort } from "@/lib/local-stack/ports";
import { insertPngChunks, textChunk } from "@/lib/metadata/testing/png-encoder";
import { currentRssMb, peakRssMb, startApp } from "./bench-app";
import type { LoadClientConfig, LoadClientResult } from "./bench-load-client";

const SECONDS = Number(process.env.BENCH_SECONDS || 40);
const REVIEWERS = 20;
const GENERATORS = 16;
// More than the importer gets through in the window, so it runs throughout and is stopped (SIGINT) at the end.
const IMPORT_FILES = Number(process.env.BENCH_IMPORT_FILES || 900);
const ROOT = path.resolve(import.meta.dirname, "..");
const tsx = createRequire(import.meta.url).resolve("tsx");

async function main() {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-bench-load-"));
  await chmod(scratch, 0o755);
  const port = await findFreePort();
  const authSecret = randomBytes(32).toString("base64url");
  const app = await startApp(scratch, port, { AUTH_SECRET: authSecret });
  const db = createDatabase({ url: app.databaseUrl, poolMax: 2, preparedStatements: true });
  const origin = `http://127.0.0.1:${port}`;
  const cliEnv = { LIGHTBOX_DATA_DIR: scratch, DATABASE_URL: "", S3_BUCKET: "", LOG_LEVEL: "warn" };
  try {
    const ingestKey = (await createApiKey(db, { name: "load generators", scopes: ["ingest"] })).key;
    const readKey = (await createApiKey(db, { name: "load reviewers", scopes: ["read"] })).key;
    const reviewerRows = await db
      .insert(users)
      .values(
        Array.from({ length: REVIEWERS }, (_, index) => ({
          email: `reviewer${index}@load.test`,
          role: "reviewer" as const,
        })),
      )
      .returning({ id: users.id });
    // Sessions as Auth.js issues them: its own JWT encoding with the server's AUTH_SECRET, salted by cookie name.
    const reviewerCookies = await Promise.all(
      reviewerRows.map(
        async ({ id }) =>
          `authjs.session-token=${await encode({ token: { sub: id, sessionVersion: 1 }, secret: authSecret, salt: "authjs.session-token" })}`,
      ),
    );
    console.log(`seeding 200 images for the reviewers, writing ${IMPORT_FILES} files for the importer…`);
    await seedImages(origin, ingestKey, 200);
    const importDir = await writeImportFolder(path.join(scratch, "import"), IMPORT_FILES);
    const clientConfig: LoadClientConfig = {
      origin,
      seconds: SECONDS,
      generators: GENERATORS,
      ingestKey,
      readKey,
      reviewerCookies,
      recordReviewActionId: await findActionId("recordReviewAction"),
      images: Number(process.env.BENCH_IMAGES || 800),
    };
    const configPath = path.join(scratch, "client.json");
    await writeFile(configPath, JSON.stringify(clientConfig));

    const serverPid = app.serverPid();
    const client = spawnTsx(["scripts/bench-load-client.ts", configPath]);
    await untilOutput(client, /^ready$/m);
    const loadStarted = performance.now();
    const sampler = startSampler(db, serverPid);
    const importStarted = performance.now();
    const importer = spawnTsx(
      ["scripts/cli.ts", "import", importDir, "--concurrency", "2", "--run", "load-import"],
      cliEnv,
    );
    importer.stdout?.resume();
    const importerDone = exited(importer);
    const result = JSON.parse(
      (await untilOutput(client, /^\{.*\}$/m)).match(/^\{.*\}$/m)?.[0] ?? "{}",
    ) as LoadClientResult;
    if (importer.exitCode === null) importer.kill("SIGINT");
    await importerDone;
    const importSeconds = (performance.now() - importStarted) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const samples = sampler.stop();
    const doctor = spawnTsx(["scripts/cli.ts", "doctor"], cliEnv);
    const doctorOutput = await untilOutput(doctor, /$^/);
    const doctorCode = await exited(doctor);
    const [recorded] = await db.execute(sql`select count(*)::int as events from review_events`);
    const [imported] = await db.execute(sql`select count(*)::int as n from images where source = 'import'`);
    printTable(result, {
      imported: Number(imported?.n ?? 0),
      importSeconds,
      samples,
      rssEnd: currentRssMb(serverPid),
      rssPeak: peakRssMb(serverPid),
      doctorCode,
      doctorOutput,
      decisionsRecorded: Number(recorded?.events ?? 0),
      totalSeconds: (performance.now() - loadStarted) / 1000,
    });
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await closeDatabase(db);
    await app.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

const children: ChildProcess[] = [];
function spawnTsx(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", tsx, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return child;
}

/** Everything the child printed once `pattern` matches it (or once it exits). */
function untilOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  let output = "";
  return new Promise((resolve) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) resolve(output);
    });
    child.once("exit", () => resolve(output));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code ?? 1));
  });

/** The id Next gave a server action at build time, from the build's server-reference manifest. */
async function findActionId(name: string): Promise<string> {
  const manifest = JSON.parse(
    await readFile(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { exportedName?: string; workers?: Record<string, { exportedName?: string }> }>;
  };
  const found = Object.entries(manifest.node).find(
    ([, entry]) =>
      entry.exportedName === name ||
      Object.values(entry.workers ?? {}).some((worker) => worker.exportedName === name),
  );
  if (!found) throw new Error(`no server action named ${name} in the build`);
  return found[0];
}

async function makePng(index: number, parameters?: string): Promise<Uint8Array> {
  const bytes = await sharp(randomBytes(64 * 64 * 3), { raw: { width: 64, height: 64, channels: 3 } })
    .resize(256, 256)
    .png({ compressionLevel: 1 })
    .toBuffer();
  const png = new Uint8Array(bytes);
  return parameters ? insertPngChunks(png, [textChunk("parameters", `${parameters} ${index}`)]) : png;
}

async function seedImages(origin: string, key: string, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const form = new FormData();
    form.set("file", new Blob([Buffer.from(await makePng(index))]), "seed.png");
    const response = await fetch(`${origin}/api/v1/images`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${key}` },
    });
    if (response.status !== 201)
      throw new Error(`seeding answered ${response.status}: ${await response.text()}`);
  }
}

async function writeImportFolder(folder: string, count: number): Promise<string> {
  await mkdir(folder, { recursive: true });
  const parameters = "an old output\nNegative prompt: blur\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed:";
  for (let index = 0; index < count; index += 1)
    await writeFile(path.join(folder, `old-${index}.png`), await makePng(index, parameters));
  return folder;
}

type Samples = {
  rssMax: number;
  activeMax: number;
  connectionsMax: number;
  lockWaitsMax: number;
  lockWaitSamples: number;
  /** backends seen waiting, summed over samples, by wait event (Lock:transactionid, Lock:advisory, …) */
  waits: Record<string, number>;
  count: number;
};

/** Every 250 ms: next-server RSS and, from pg_stat_activity, busy connections and lock waits. */
function startSampler(db: Database, pid: number) {
  const samples: Samples = {
    rssMax: 0,
    activeMax: 0,
    connectionsMax: 0,
    lockWaitsMax: 0,
    lockWaitSamples: 0,
    waits: {},
    count: 0,
  };
  const sample = async () => {
    samples.rssMax = Math.max(samples.rssMax, currentRssMb(pid));
    const [row] = await db.execute(sql`select count(*)::int as connections,
        count(*) filter (where state = 'active')::int as active,
        count(*) filter (where wait_event_type = 'Lock')::int as lock_waits
      from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
    samples.count += 1;
    samples.connectionsMax = Math.max(samples.connectionsMax, Number(row?.connections ?? 0));
    samples.activeMax = Math.max(samples.activeMax, Number(row?.active ?? 0));
    samples.lockWaitsMax = Math.max(samples.lockWaitsMax, Number(row?.lock_waits ?? 0));
    if (Number(row?.lock_waits ?? 0) > 0) samples.lockWaitSamples += 1;
    // What the waiting backends wait on, and for row locks the statement that waits (which row is contended).
    const waiting = await db.execute(sql`select wait_event_type || ':' || wait_event
        || case when wait_event_type = 'Lock' then ' ← ' || left(regexp_replace(query, '\s+', ' ', 'g'), 60) else '' end
        as event, count(*)::int as n
      from pg_stat_activity where datname = current_database() and state = 'active'
        and wait_event_type in ('Lock', 'LWLock', 'IO') group by 1`);
    for (const { event, n } of waiting)
      samples.waits[String(event)] = (samples.waits[String(event)] ?? 0) + Number(n);
  };
  // A failed sample is skipped: an exception here would end the bench without stopping its processes.
  const timer = setInterval(() => sample().catch(() => {}), 250);
  return {
    stop: () => {
      clearInterval(timer);
      return samples;
    },
  };
}

function printTable(
  result: LoadClientResult,
  after: {
    imported: number;
    importSeconds: number;
    samples: Samples;
    rssEnd: number;
    rssPeak: number;
    doctorCode: number;
    doctorOutput: string;
    decisionsRecorded: number;
    totalSeconds: number;
  },
) {
  const pad = (value: string | number, width: number) => String(value).padStart(width);
  console.log(
    `\n${"operation".padEnd(38)}${pad("requests", 9)}${pad("req/s", 8)}${pad("failed", 8)}${pad("p50 ms", 8)}${pad("p95 ms", 8)}${pad("p99 ms", 8)}`,
  );
  for (const [operation, figures] of Object.entries(result.operations))
    console.log(
      `${operation.padEnd(38)}${pad(figures.count, 9)}${pad((figures.count / result.seconds).toFixed(1), 8)}${pad(figures.failed, 8)}${pad(figures.p50, 8)}${pad(figures.p95, 8)}${pad(figures.p99, 8)}`,
    );
  console.log(
    `${"importer: files (cli import, own clock)".padEnd(38)}${pad(after.imported, 9)}${pad((after.imported / after.importSeconds).toFixed(1), 8)}`,
  );
  const { samples } = after;
  console.log(
    `\ngenerator answers "duplicate" (200: every pre-encoded body sent, then re-sent): ${result.duplicates}`,
  );
  console.log(
    `socket errors ${result.socketErrors}, timeouts ${result.timeouts} (load ${result.seconds.toFixed(1)} s; measured phase ${after.totalSeconds.toFixed(1)} s)`,
  );
  console.log(
    `postgres (pg_stat_activity, ${samples.count} samples): connections ≤ ${samples.connectionsMax}, active ≤ ${samples.activeMax}, lock waits ≤ ${samples.lockWaitsMax} (in ${samples.lockWaitSamples} samples)`,
  );
  const waits = Object.entries(samples.waits).sort(([, left], [, right]) => right - left);
  console.log("  waiting backends × samples, by wait event (top 6):");
  for (const [event, count] of waits.slice(0, 6)) console.log(`    ${String(count).padStart(5)}  ${event}`);
  console.log(
    `next-server RSS: peak sampled ${samples.rssMax} MB, VmHWM ${after.rssPeak} MB, at end ${after.rssEnd} MB`,
  );
  console.log(
    `doctor: exit ${after.doctorCode} (${after.doctorCode === 0 ? "passes" : "FAILS"})\n${after.doctorOutput.trim().split("\n").slice(-6).join("\n")}`,
  );
  const same = after.decisionsRecorded === result.decisionsSent;
  console.log(
    `decisions: sent ${result.decisionsSent}, review_events ${after.decisionsRecorded} (${same ? "equal" : "DIFFERENT"})`,
  );
}

await main();

// `npm run bench:load`: mixed load on loopback against the production server on a throwaway stack, in a bounded
// window (BENCH_SECONDS, default 40; with the importer's stop and the doctor the measured phase stays under 60 s):
//   generators: concurrency 16 multipart POSTs of unique images        (scripts/bench-load-client.ts, autocannon)
//   20 reviewers: API list pages by cursor, gallery pages, decisions  (same client process, one connection each),
//     deciding the API page's images, or with BENCH_REVIEW_QUEUE=leased the images review mode hands them
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
import { closeDatabase, createDatabase } from "@/db/client";
import { users } from "@/db/schema";
import { createApiKey } from "@/lib/auth/api-keys";
import { findFreePort } from "@/lib/local-stack/ports";
import { insertPngChunks, textChunk } from "@/lib/metadata/testing/png-encoder";
import { currentRssMb, peakRssMb, startApp } from "./bench-app";
import type { LoadClientConfig, LoadClientResult } from "./bench-load-client";
import { printLoadTable, startLoadSampler } from "./bench-load-report";

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
      loadReviewQueueActionId: await findActionId("loadReviewQueueAction"),
      reviewQueue: process.env.BENCH_REVIEW_QUEUE === "leased" ? "leased" : "api",
      images: Number(process.env.BENCH_IMAGES || 800),
    };
    const configPath = path.join(scratch, "client.json");
    await writeFile(configPath, JSON.stringify(clientConfig));

    const serverPid = app.serverPid();
    const client = spawnTsx(["scripts/bench-load-client.ts", configPath]);
    await untilOutput(client, /^ready$/m);
    const loadStarted = performance.now();
    const loadAverageBefore = os.loadavg()[0] ?? 0;
    const sampler = startLoadSampler(db, serverPid);
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
    printLoadTable(result, {
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
    // The machine may be shared: what else ran beside the benchmark.
    console.log(
      `load average (1 min): ${loadAverageBefore.toFixed(1)} at the start, ${os.loadavg()[0]?.toFixed(1)} at the end`,
    );
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

await main();

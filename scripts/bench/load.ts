// `npm run bench:load`: mixed load on loopback against the production server on a throwaway stack (`npm start`: the
// app and its job worker), in a bounded window (BENCH_SECONDS, default 40):
//   generators: 16 loops of multipart POSTs of unique images, honouring 503 + Retry-After (bench-load-client.ts)
//   20 reviewers: API list pages by cursor, gallery pages, decisions  (same client process, one connection each),
//     deciding the API page's images, or with BENCH_REVIEW_QUEUE=leased the images review mode hands them
//   an importer: `cli import` of a folder of PNGs, in its own process
// then how far the worker got (derivations during the load, the backlog left and how long it takes to clear),
// `cli doctor`, and the decisions recorded in the database against the decisions sent.
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { findFreePort } from "@/lib/local-stack/ports";
import { currentRssMb, peakRssMb, startApp } from "./app";
import type { LoadClientConfig, LoadClientResult } from "./load-client";
import {
  children,
  countDerived,
  countPending,
  createReviewerSessions,
  exited,
  findActionId,
  seedImages,
  spawnTsx,
  untilOutput,
  waitForDrain,
  writeImportFolder,
} from "./load-fixtures";
import { printLoadTable, startLoadSampler } from "./load-report";

const SECONDS = Number(process.env.BENCH_SECONDS || 40);
const REVIEWERS = 20;
const GENERATORS = 16;
// More than the importer gets through in the window, so it runs throughout and is stopped (SIGINT) at the end.
const IMPORT_FILES = Number(process.env.BENCH_IMPORT_FILES || 900);

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
    const reviewerCookies = await createReviewerSessions(db, REVIEWERS, authSecret);
    console.log(`seeding 200 images for the reviewers, writing ${IMPORT_FILES} files for the importer…`);
    await seedImages(origin, ingestKey, 200);
    // The load starts with the worker idle: the seeds are derived first.
    await waitForDrain(db, 300_000);
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
    const client = spawnTsx(["scripts/bench/load-client.ts", configPath]);
    await untilOutput(client, /^ready$/m);
    const loadStarted = performance.now();
    const doneBefore = await countDerived(db);
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
    const derivedDuring = (await countDerived(db)) - doneBefore;
    const pendingAtEnd = await countPending(db);
    const drainSeconds = await waitForDrain(db, 120_000);
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
      derived: { during: derivedDuring, pendingAtEnd, drainSeconds },
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

await main();

// `npm run bench:team`: a team's morning on one throwaway production stack (`npm start`: the app, its ingest lane and
// its worker), in phases measured in the same run, each starting with the worker's backlog empty:
//   unloaded   one reviewer alone (leased queue): the pages' and the decision's own latency   (BENCH_UNLOADED_SECONDS, 20)
//   bare       16 generators + an importer, no reviewer: the pipeline's own throughput         (BENCH_SECONDS, 60)
//   team of 5  the pipeline + 5 reviewers on leased queues, pausing ~1 s per request (BENCH_THINK_MS), each joining
//              somewhere in the first round of four pauses                                    (BENCH_SECONDS)
//   team of 20 the pipeline + 20 reviewers the same way                                      (BENCH_SECONDS)
//   team of 20, no pipeline   the same team with nothing else running: what the desk's own load does to its
//              pages (one event loop serves them all), apart from what the pipeline adds    (BENCH_SECONDS)
//   alone, pausing  one reviewer alone again, pausing as the teams' reviewers do, on the library the phases grew
//              (~10× the first phase's; back to back at that size the pages measured no slower): the pages' latency
//              for a person on an idle server. It is not the back-to-back first phase's: a request after a pause
//              took 1.3–2× as long here, and that is the machine's, not the app's. On this VM a round trip between
//              two processes after 20 ms or more of quiet took 0.3–0.6 ms longer than one right after another, and
//              any work in memory takes longer after a pause (measured at the end, below). Printed beside the first
//              phase's, with the teams' ratios to it: like for like, not the targets' baseline
//                                                                                       (BENCH_PAUSING_SECONDS, 180)
// Then `cli doctor`, decisions recorded against decisions sent, and next-server RSS (from the end of the unloaded
// phase, when every page's code is loaded, to the end; the lane's beside it); each ratio printed with its
// target (issue 23): decision p95 ≤ 150 ms, gallery p95 ≤ 2× and API page p95 ≤ 1.5× unloaded, throughput ≥ 0.8×
// bare, no error but 503 + Retry-After. Then the machine's own cost of a pause: one fixed in-memory task timed back
// to back and after pauses as long as a reviewer's, with the app idle (scripts/bench/idle-penalty.ts). Per phase,
// where the CPU went: the server's main thread (on a CPU, waiting for one) and every process by its role
// (scripts/bench/cpu-by-role.ts).
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { findFreePort } from "@/lib/local-stack/ports";
import { currentRssMb, startApp, threadCpuWaitMs } from "./app";
import { startRoleSampler } from "./cpu-by-role";
import type { IdlePenalty } from "./idle-penalty";
import type { LoadClientConfig, LoadClientResult } from "./load-client";
import {
  children,
  createReviewerSessions,
  exited,
  findActionId,
  seedImages,
  spawnTsx,
  untilOutput,
  waitForDrain,
  writeImportFolder,
} from "./load-fixtures";
import { startLoadSampler } from "./load-report";

const SECONDS = Number(process.env.BENCH_SECONDS || 60);
// A reviewer's pause after each request (0.5–1.5× this): people look at an image before they decide. With
// BENCH_THINK_MS=0 every reviewer sends its next request the moment the last one answers (20 of them then ask for
// ~60 decisions and 30 server-rendered pages a second: a flood, not a team).
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const UNLOADED_SECONDS = Number(process.env.BENCH_UNLOADED_SECONDS || 20);
// A reviewer who pauses makes few requests: long enough for ~40 of each page.
const PAUSING_SECONDS = Number(process.env.BENCH_PAUSING_SECONDS || 180);
const GENERATORS = 16;
const TEAMS = [5, 20] as const;
// Enough for twenty reviewers' leased batches through a phase, besides what the generators add meanwhile.
const SEED_IMAGES = Number(process.env.BENCH_SEED_IMAGES || 600);
// More than the importer gets through in a phase, so it runs throughout and is stopped (SIGINT) at the end.
const IMPORT_FILES = Number(process.env.BENCH_IMPORT_FILES || 900);
// Distinct pre-encoded bodies per phase, so no phase re-posts another's images (a duplicate is cheaper).
const BODIES_PER_PHASE = 800;

const DECISION = "reviewer: decision (server action)";
const GALLERY = "reviewer: GET / gallery page";
const API_PAGE = "reviewer: GET /api/v1/images page";
const GENERATOR = "generator: POST /api/v1/images";
const NO_PIPELINE = `team of ${TEAMS[1]}, no pipeline`;
const ALONE_PAUSING = "alone, pausing";

type Phase = {
  name: string;
  reviewers: string[];
  generators: number;
  importer: boolean;
  seconds: number;
  thinkMs: number;
};
type PhaseResult = {
  phase: Phase;
  /** The phase's clients' figures together; how late each client ran is its own (reviewersLateMs). */
  client: MergedClientResult;
  imported: number;
  lockWaitSamples: number;
  pendingMax: number;
  rssEnd: number;
  /** The server's main thread over the phase, as shares of its wall time: running, and runnable but not running. */
  mainThread: { onCpu: number; waiting: number };
  cpuByRole: string;
  /** How late the reviewers' client's own event loop ran (null in a phase without reviewers). */
  reviewersLateMs: { p99: number; max: number } | null;
};

async function main() {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-bench-team-"));
  await chmod(scratch, 0o755);
  const port = await findFreePort();
  const authSecret = randomBytes(32).toString("base64url");
  const app = await startApp(scratch, port, { AUTH_SECRET: authSecret });
  const db = createDatabase({ url: app.databaseUrl, poolMax: 2, preparedStatements: true });
  const origin = `http://127.0.0.1:${port}`;
  const cliEnv = { LIGHTBOX_DATA_DIR: scratch, DATABASE_URL: "", S3_BUCKET: "", LOG_LEVEL: "warn" };
  const loadAverageBefore = os.loadavg()[0] ?? 0;
  try {
    const ingestKey = (await createApiKey(db, { name: "team generators", scopes: ["ingest"] })).key;
    const readKey = (await createApiKey(db, { name: "team reviewers", scopes: ["read"] })).key;
    // Each phase has reviewers of its own, so a phase's leases are not an earlier phase's.
    const cookies = await createReviewerSessions(db, 2 + TEAMS[0] + 2 * TEAMS[1], authSecret);
    const reviewers = (count: number) => cookies.splice(0, count);
    console.log(`seeding ${SEED_IMAGES} images to review…`);
    await seedImages(origin, ingestKey, SEED_IMAGES);
    await waitForDrain(db, 600_000);
    const base = {
      origin,
      ingestKey,
      readKey,
      recordReviewActionId: await findActionId("recordReviewAction"),
      loadReviewQueueActionId: await findActionId("loadReviewQueueAction"),
      reviewQueue: "leased" as const,
      images: BODIES_PER_PHASE,
    };
    const phases: Phase[] = [
      {
        name: "unloaded",
        reviewers: reviewers(1),
        generators: 0,
        importer: false,
        seconds: UNLOADED_SECONDS,
        // One reviewer back to back: each page's own latency on an idle server, with enough samples for a p95.
        thinkMs: 0,
      },
      {
        name: "bare pipeline",
        reviewers: [],
        generators: GENERATORS,
        importer: true,
        seconds: SECONDS,
        thinkMs: 0,
      },
      {
        name: `team of ${TEAMS[0]}`,
        reviewers: reviewers(TEAMS[0]),
        generators: GENERATORS,
        importer: true,
        seconds: SECONDS,
        thinkMs: THINK_MS,
      },
      {
        name: `team of ${TEAMS[1]}`,
        reviewers: reviewers(TEAMS[1]),
        generators: GENERATORS,
        importer: true,
        seconds: SECONDS,
        thinkMs: THINK_MS,
      },
      {
        name: NO_PIPELINE,
        reviewers: reviewers(TEAMS[1]),
        generators: 0,
        importer: false,
        seconds: SECONDS,
        thinkMs: THINK_MS,
      },
      {
        name: ALONE_PAUSING,
        reviewers: reviewers(1),
        generators: 0,
        importer: false,
        seconds: PAUSING_SECONDS,
        thinkMs: THINK_MS,
      },
    ];
    const results: PhaseResult[] = [];
    const rssCold = currentRssMb(app.serverPid());
    const laneRss = () => {
      const lane = app.lanePid();
      return lane ? currentRssMb(lane) : null;
    };
    const laneRssStart = laneRss();
    for (const [index, phase] of phases.entries()) {
      const pacing =
        phase.reviewers.length > 0 && phase.thinkMs > 0 ? `, reviewers pause ~${phase.thinkMs} ms` : "";
      console.log(`phase ${phase.name}: ${phase.seconds} s${pacing}…`);
      const config: LoadClientConfig = {
        ...base,
        seconds: phase.seconds,
        generators: phase.generators,
        reviewerCookies: phase.reviewers,
        bodyOffset: index * BODIES_PER_PHASE,
        thinkMs: phase.thinkMs,
      };
      results.push(await runPhase(db, scratch, cliEnv, app.serverPid(), phase, config));
      // The next phase starts from an empty backlog, as this one did.
      await waitForDrain(db, 300_000);
    }
    const doctor = spawnTsx(["scripts/cli.ts", "doctor"], cliEnv);
    const doctorOutput = await untilOutput(doctor, /$^/);
    const doctorCode = await exited(doctor);
    const idlePenalty = await measureIdlePenalty();
    const [recorded] = await db.execute(sql`select count(*)::int as events from review_events`);
    printPhases(results);
    printTargets(results, {
      doctorCode,
      doctorOutput,
      decisionsRecorded: Number(recorded?.events ?? 0),
      rssCold,
      rssEnd: currentRssMb(app.serverPid()),
      laneRss: { start: laneRssStart, end: laneRss() },
      idlePenalty,
    });
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

/** The machine's own cost of a pause, on the app's machine with the app idle (scripts/bench/idle-penalty.ts). */
async function measureIdlePenalty(): Promise<IdlePenalty | null> {
  const probe = spawnTsx(["scripts/bench/idle-penalty.ts"], {
    IDLE_PENALTY_PAUSE_MS: String(THINK_MS > 0 ? THINK_MS : 1000),
  });
  const output = await untilOutput(probe, /\n/);
  await exited(probe);
  try {
    return JSON.parse(output) as IdlePenalty;
  } catch {
    return null;
  }
}

async function countImported(db: ReturnType<typeof createDatabase>): Promise<number> {
  const [row] = await db.execute(sql`select count(*)::int as n from images where source = 'import'`);
  return Number(row?.n ?? 0);
}

async function runPhase(
  db: ReturnType<typeof createDatabase>,
  scratch: string,
  cliEnv: Record<string, string>,
  serverPid: number,
  phase: Phase,
  config: LoadClientConfig,
): Promise<PhaseResult> {
  const slug = phase.name.replaceAll(" ", "-");
  const importDir = phase.importer
    ? await writeImportFolder(path.join(scratch, `import-${slug}`), IMPORT_FILES)
    : null;
  // The reviewers and the generators in clients of their own, started together: a reviewer's latency is the
  // server's and its own client's, not the generators' work on a shared event loop (a team's browsers are not the
  // generators' machines). Each in a session of its own, as the server's.
  const parts = [
    { role: "generators", config: { ...config, reviewerCookies: [] }, runs: config.generators > 0 },
    { role: "reviewers", config: { ...config, generators: 0 }, runs: config.reviewerCookies.length > 0 },
  ].filter((part) => part.runs);
  const clients = await Promise.all(
    parts.map(async (part) => {
      const configPath = path.join(scratch, `client-${slug}-${part.role}.json`);
      await writeFile(configPath, JSON.stringify({ ...part.config, startOnSignal: true }));
      const child = spawnTsx(["scripts/bench/load-client.ts", configPath], {}, { ownSession: true });
      await untilOutput(child, /^ready$/m);
      return { role: part.role, child };
    }),
  );
  const importedBefore = await countImported(db);
  const sampler = startLoadSampler(db, serverPid);
  const threadBefore = threadCpuWaitMs(serverPid);
  const roles = startRoleSampler(db);
  for (const { child } of clients) child.kill("SIGUSR2");
  const phaseStarted = performance.now();
  const importer = importDir
    ? spawnTsx(
        ["scripts/cli.ts", "import", importDir, "--concurrency", "2", "--run", `team-${slug}`],
        cliEnv,
        {
          ownSession: true,
        },
      )
    : null;
  importer?.stdout?.resume();
  const importerDone = importer ? exited(importer) : Promise.resolve(0);
  const results = await Promise.all(
    clients.map(async ({ role, child }) => {
      const figures = (await untilOutput(child, /^\{.*\}$/m)).match(/^\{.*\}$/m)?.[0];
      if (!figures) throw new Error(`the ${role}' client ended without its figures`);
      return { role, result: JSON.parse(figures) as LoadClientResult };
    }),
  );
  const reviewersClient = results.find(({ role }) => role === "reviewers")?.result ?? null;
  const clientResult = mergeClientResults(results.map(({ result }) => result));
  if (importer && importer.exitCode === null) importer.kill("SIGINT");
  await importerDone;
  const samples = sampler.stop();
  const threadAfter = threadCpuWaitMs(serverPid);
  const cpuByRole = await roles.stop();
  const wallMs = performance.now() - phaseStarted;
  return {
    phase,
    client: clientResult,
    imported: (await countImported(db)) - importedBefore,
    lockWaitSamples: samples.lockWaitSamples,
    pendingMax: samples.pendingMax,
    rssEnd: currentRssMb(serverPid),
    mainThread: {
      onCpu: (threadAfter.onCpu - threadBefore.onCpu) / wallMs,
      waiting: (threadAfter.waiting - threadBefore.waiting) / wallMs,
    },
    cpuByRole,
    reviewersLateMs: reviewersClient?.clientLateMs ?? null,
  };
}

type MergedClientResult = Omit<LoadClientResult, "clientLateMs">;

/** One phase's figures from its clients: each counts its own operations, so they add up. */
function mergeClientResults(results: LoadClientResult[]): MergedClientResult {
  const sum = (
    field:
      | "decisionsSent"
      | "stored"
      | "duplicates"
      | "refused"
      | "refusedWithoutRetryAfter"
      | "socketErrors",
  ) => results.reduce((total, result) => total + result[field], 0);
  return {
    operations: Object.assign({}, ...results.map((result) => result.operations)),
    decisionsSent: sum("decisionsSent"),
    stored: sum("stored"),
    duplicates: sum("duplicates"),
    refused: sum("refused"),
    refusedWithoutRetryAfter: sum("refusedWithoutRetryAfter"),
    socketErrors: sum("socketErrors"),
    seconds: Math.max(...results.map((result) => result.seconds)),
  };
}

const percent = (share: number) => `${(100 * share).toFixed(0)}%`;
const figure = (result: PhaseResult, operation: string) => result.client.operations[operation];
const perSecond = (result: PhaseResult) => (result.client.stored + result.imported) / result.client.seconds;
const failures = (result: PhaseResult) =>
  Object.values(result.client.operations).reduce((sum, operation) => sum + operation.failed, 0) -
  result.client.refusedWithoutRetryAfter;

function printPhases(results: PhaseResult[]) {
  const pad = (value: string | number, width: number) => String(value).padStart(width);
  const cell = (result: PhaseResult, operation: string) => {
    const found = figure(result, operation);
    return found ? `${found.p50}/${found.p95}/${found.p99}` : "—";
  };
  console.log(
    `\n${"phase".padEnd(25)}${pad("decision p50/95/99", 20)}${pad("gallery", 17)}${pad("API page", 17)}${pad("POST", 17)}${pad("decisions", 10)}${pad("stored/s", 9)}${pad("imported/s", 11)}${pad("503s", 6)}${pad("errors", 7)}${pad("lock-wait samples", 18)}${pad("RSS MB", 7)}`,
  );
  for (const result of results) {
    const seconds = result.client.seconds;
    console.log(
      `${result.phase.name.padEnd(25)}${pad(cell(result, DECISION), 20)}${pad(cell(result, GALLERY), 17)}${pad(cell(result, API_PAGE), 17)}${pad(cell(result, GENERATOR), 17)}${pad(result.client.decisionsSent, 10)}${pad((result.client.stored / seconds).toFixed(1), 9)}${pad((result.imported / seconds).toFixed(1), 11)}${pad(result.client.refused, 6)}${pad(failures(result) + result.client.socketErrors, 7)}${pad(result.lockWaitSamples, 18)}${pad(result.rssEnd, 7)}`,
    );
  }
  console.log("(latencies in ms; errors: failed requests other than 503 + Retry-After, and socket errors)");
  // A request waits on the server's one event loop: behind other requests (on a CPU), or for a CPU (waiting).
  for (const result of results)
    console.log(
      `  ${result.phase.name}: server main thread on a CPU ${percent(result.mainThread.onCpu)}, runnable but waiting for one ${percent(result.mainThread.waiting)} of the phase${result.reviewersLateMs ? `; the reviewers' client's own event loop late by p99 ${result.reviewersLateMs.p99.toFixed(1)}, max ${result.reviewersLateMs.max.toFixed(0)} ms` : ""}`,
    );
  // Who shares the two cores with it: the pipeline's processes and the Postgres backends doing their SQL.
  for (const result of results) console.log(`  ${result.phase.name}: CPU ${result.cpuByRole}`);
  for (const result of results) {
    const failed = Object.entries(result.client.operations).filter(([, figures]) => figures.failed > 0);
    if (failed.length === 0) continue;
    const list = failed.map(([operation, figures]) => `${operation} ${figures.failed}`).join(", ");
    console.log(`  ${result.phase.name}: failed ${list}`);
  }
}

function printTargets(
  results: PhaseResult[],
  after: {
    doctorCode: number;
    doctorOutput: string;
    decisionsRecorded: number;
    rssCold: number;
    rssEnd: number;
    laneRss: { start: number | null; end: number | null };
    idlePenalty: IdlePenalty | null;
  },
) {
  const [unloaded, bare, ...rest] = results;
  const teams = rest.filter((result) => result.phase.importer);
  const desksOwn = rest.find((result) => result.phase.name === NO_PIPELINE);
  const alonePausing = rest.find((result) => result.phase.name === ALONE_PAUSING);
  if (!unloaded || !bare || !desksOwn || !alonePausing) return;
  const line = (name: string, value: number, target: string, met: boolean) =>
    console.log(
      `${name.padEnd(52)} ${value.toFixed(2).padStart(8)}   (target ${target}${met ? "" : ", MISSED"})`,
    );
  console.log("");
  // The targets' baseline is the first phase's: one reviewer back to back. The same pages for one reviewer who
  // pauses as the teams' do, and the teams' ratios to those: like for like, for comparison, not the targets.
  const p95 = (result: PhaseResult, operation: string) => figure(result, operation)?.p95 ?? Number.NaN;
  const ratio = (result: PhaseResult, operation: string, baseline = unloaded) =>
    p95(result, operation) / p95(baseline, operation);
  for (const operation of [GALLERY, API_PAGE])
    console.log(
      `${operation}: p95 alone ${p95(unloaded, operation)} ms back to back (the targets' baseline), ${p95(alonePausing, operation)} ms pausing like the teams (${figure(alonePausing, operation)?.count ?? 0} requests, at the end)`,
    );
  const penalty = after.idlePenalty;
  if (penalty) {
    const { backToBack: hot, afterPause: cold } = penalty;
    const ms = (value: number) => value.toFixed(2);
    console.log(
      `machine: a fixed in-memory task (no I/O, no app) p50/p95 ${ms(hot.p50)}/${ms(hot.p95)} ms back to back, ${ms(cold.p50)}/${ms(cold.p95)} ms after ${penalty.pauseMs} ms idle: ×${(cold.p50 / hot.p50).toFixed(2)} and ×${(cold.p95 / hot.p95).toFixed(2)}, what a pause costs any work here`,
    );
  } else {
    console.log("machine: the idle probe (scripts/bench/idle-penalty.ts) ended without its figures");
  }
  const pairs = (result: PhaseResult, baseline?: PhaseResult) =>
    `gallery ${ratio(result, GALLERY, baseline).toFixed(2)}, API page ${ratio(result, API_PAGE, baseline).toFixed(2)}`;
  for (const result of [...teams, desksOwn])
    console.log(
      `${result.phase.name}: p95 / back to back: ${pairs(result)}; / alone pausing: ${pairs(result, alonePausing)}`,
    );
  for (const team of teams) {
    const label = team.phase.name;
    const decision = figure(team, DECISION)?.p95 ?? Number.NaN;
    line(`${label}: decision p95 (ms)`, decision, "≤ 150", decision <= 150);
    const gallery = ratio(team, GALLERY);
    line(`${label}: gallery p95 / unloaded`, gallery, "≤ 2.0", gallery <= 2);
    const api = ratio(team, API_PAGE);
    line(`${label}: API page p95 / unloaded`, api, "≤ 1.5", api <= 1.5);
    const throughput = perSecond(team) / perSecond(bare);
    line(`${label}: generators + importer / bare pipeline`, throughput, "≥ 0.8", throughput >= 0.8);
  }
  const errors = results.reduce(
    (sum, result) =>
      sum + failures(result) + result.client.socketErrors + result.client.refusedWithoutRetryAfter,
    0,
  );
  line("errors other than 503 + Retry-After", errors, "= 0", errors === 0);
  const sent = results.reduce((sum, result) => sum + result.client.decisionsSent, 0);
  console.log(
    `decisions: sent ${sent}, review_events ${after.decisionsRecorded} (${sent === after.decisionsRecorded ? "equal" : "DIFFERENT"})`,
  );
  // Flat under load: measured from the end of the unloaded phase, once every page was served (a page's first
  // request loads its code, which the cold figure beside it includes).
  const rss = after.rssEnd / unloaded.rssEnd;
  line(
    `next-server RSS end / warm (${unloaded.rssEnd} → ${after.rssEnd} MB; cold ${after.rssCold} MB)`,
    rss,
    "≤ 1.25",
    rss <= 1.25,
  );
  if (after.laneRss.start !== null)
    console.log(
      `ingest lane RSS: ${after.laneRss.start} MB at the start, ${after.laneRss.end ?? "—"} MB at the end`,
    );
  console.log(
    `doctor: exit ${after.doctorCode} (${after.doctorCode === 0 ? "passes" : "FAILS"})\n${after.doctorOutput.trim().split("\n").slice(-4).join("\n")}`,
  );
}

await main();

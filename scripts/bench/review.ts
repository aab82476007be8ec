// `npm run bench:review`: reviewers deciding at once, on a throwaway stack holding BENCH_ROWS image rows, without
// the web server or ingest (bench:load measures those with them): what the queue hand-out and the consensus refresh
// cost in the database. Each scenario (hand-out × reviewers × rule) runs BENCH_SECONDS on fresh review tables:
//   shared: every reviewer walks the view from the first image they have not decided (the desk before leases)
//   leased: each reviewer's queue is handed out in leased batches (lib/review/open-review-queue.ts)
// Reviewers decide through recordReview, the function behind the desk's server action, BENCH_THINK_MS apart.
// Printed per scenario: decision latency, lock waits sampled from pg_stat_activity every 100 ms (waiting backends
// summed over samples, by wait event), reviews beyond what the rule asks, and the load average (a shared machine).
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createDatabase, type Database } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { parseImageSelection } from "@/lib/images/selection/image-filter";
import { recordReview } from "@/lib/review/record-review";
import { closeStorage } from "@/lib/storage/storage";
import { seedGalleryRows } from "./gallery-seed";
import { type QueueDeps, REVIEW_QUEUES, type ReviewerQueue } from "./review-queues";
import { startBenchStack } from "./stack";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const ROWS = Number(process.env.BENCH_ROWS || 3000);
const SECONDS = Number(process.env.BENCH_SECONDS || 12);
const THINK_MS = Number(process.env.BENCH_THINK_MS || 100);
const MODES = (process.env.BENCH_MODES || Object.keys(REVIEW_QUEUES).join(",")).split(",");
const TEAMS = [5, 20];
const RULES = [1, 3];
// A reviewer's decisions: mostly approve, some reject, a few skips (a skip hands the image on).
const DECISIONS = ["approve", "approve", "approve", "reject", "reject", "skip"] as const;

type Figures = {
  decisions: number;
  failed: number;
  latencies: number[];
  waits: Record<string, number>;
  samples: number;
};

async function main() {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-bench-review-"));
  await chmod(scratch, 0o755);
  const { config, db, storage, stop } = await startBenchStack(scratch, { poolMax: 10 });
  const monitor = createDatabase({ ...config.database, poolMax: 1 });
  try {
    await seedGalleryRows(db, ROWS);
    const reviewers = await db
      .insert(users)
      .values(
        Array.from({ length: Math.max(...TEAMS) }, (_, index) => ({
          email: `reviewer${index}@bench.test`,
          role: "reviewer" as const,
        })),
      )
      .returning({ id: users.id });
    console.log(
      `${ROWS} images, ${SECONDS} s a scenario, ${THINK_MS} ms between one reviewer's decisions, pool of 10\n`,
    );
    console.log(
      `${"scenario".padEnd(26)}${pad("decisions", 10)}${pad("/s", 7)}${pad("p50", 6)}${pad("p95", 6)}${pad("p99", 6)}${pad("lock waits", 12)}  ${"beyond rule".padEnd(12)}load avg   top waits`,
    );
    for (const mode of MODES) {
      const queue = REVIEW_QUEUES[mode];
      if (!queue) throw new Error(`no hand-out named ${mode}`);
      for (const rule of RULES) {
        for (const team of TEAMS) {
          await resetReviews(db, rule);
          const loadBefore = os.loadavg()[0] ?? 0;
          const figures = await runScenario({ db, storage }, monitor, queue, reviewers.slice(0, team));
          const beyond = await reviewsBeyondRule(db, rule);
          print(`${mode}, ${team} reviewers, rule ${rule}`, figures, beyond, loadBefore);
        }
      }
    }
  } finally {
    await monitor.$client.end();
    closeStorage(storage);
    await stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

async function runScenario(
  deps: QueueDeps,
  monitor: Database,
  queue: ReviewerQueue,
  team: { id: string }[],
): Promise<Figures> {
  const figures: Figures = { decisions: 0, failed: 0, latencies: [], waits: {}, samples: 0 };
  const deadline = Date.now() + SECONDS * 1000;
  const sampler = setInterval(() => {
    sampleLockWaits(monitor, figures).catch(() => {});
  }, 100);
  const query = parseImageSelection({});
  await Promise.all(
    team.map(async (reviewer, index) => {
      let decided = index;
      const session = queue(deps, { query, reviewerId: reviewer.id });
      while (Date.now() < deadline) {
        const ids = await session.next();
        if (ids.length === 0) await sleep(200);
        for (const imageId of ids) {
          if (Date.now() >= deadline) break;
          await sleep(THINK_MS * (0.5 + Math.random()));
          const decision = DECISIONS[decided++ % DECISIONS.length] ?? "approve";
          const begun = performance.now();
          const result = await recordReview(deps.db, reviewer, { action: "decide", imageId, decision });
          figures.latencies.push(performance.now() - begun);
          figures.decisions += 1;
          if (!result.ok) figures.failed += 1;
        }
      }
    }),
  );
  clearInterval(sampler);
  return figures;
}

async function sampleLockWaits(monitor: Database, figures: Figures) {
  const rows = await monitor.execute<{ event: string; n: number }>(sql`select
      wait_event_type || ':' || wait_event as event, count(*)::int as n
    from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' group by 1`);
  figures.samples += 1;
  for (const { event, n } of rows) figures.waits[event] = (figures.waits[event] ?? 0) + n;
}

async function resetReviews(db: Database, reviewsWanted: number) {
  await db.execute(sql`truncate review_events, review_reasons, reviews`);
  if ((await db.execute(sql`select to_regclass('review_leases') as t`))[0]?.t)
    await db.execute(sql`truncate review_leases`);
  await db.execute(sql`update images set review_status = 'unreviewed', score_avg = null
    where review_status <> 'unreviewed' or score_avg is not null`);
  await db.execute(sql`insert into review_settings (id, approvals_required, rejections_required)
    values (1, ${reviewsWanted}, ${reviewsWanted})
    on conflict (id) do update set approvals_required = excluded.approvals_required,
      rejections_required = excluded.rejections_required`);
  await db.execute(sql`vacuum analyze images`);
}

/** Approves and rejects beyond the `wanted` an image needs, summed over images (work the team did twice). */
async function reviewsBeyondRule(db: Database, wanted: number): Promise<number> {
  const [row] = await db.execute<{
    beyond: number;
  }>(sql`select coalesce(sum(greatest(n - ${wanted}, 0)), 0)::int
      as beyond from (select count(*) as n from reviews where decision in ('approve', 'reject') group by image_id) as per`);
  return row?.beyond ?? 0;
}

function print(name: string, figures: Figures, beyond: number, loadBefore: number) {
  const sorted = figures.latencies.sort((left, right) => left - right);
  const at = (fraction: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0);
  const waits = Object.values(figures.waits).reduce((sum, n) => sum + n, 0);
  const top = Object.entries(figures.waits)
    .sort(([, left], [, right]) => right - left)
    .slice(0, 2)
    .map(([event, n]) => `${event} ${n}`)
    .join(", ");
  const load = `${loadBefore.toFixed(1)}→${(os.loadavg()[0] ?? 0).toFixed(1)}`;
  console.log(
    `${name.padEnd(26)}${pad(figures.decisions, 10)}${pad((figures.decisions / SECONDS).toFixed(0), 7)}${pad(at(0.5), 6)}${pad(at(0.95), 6)}${pad(at(0.99), 6)}${pad(`${waits}/${figures.samples}`, 12)}  ${String(beyond).padEnd(12)}${load.padEnd(11)}${top}${figures.failed ? `  (${figures.failed} failed)` : ""}`,
  );
}

const pad = (value: string | number, width: number) => String(value).padStart(width);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

await main();

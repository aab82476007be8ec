// What `npm run bench:load` samples while the load runs (next-server RSS; connections, busy backends and lock
// waits from pg_stat_activity) and the table it prints at the end.
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { currentRssMb } from "./app";
import type { LoadClientResult } from "./load-client";

type Samples = {
  rssMax: number;
  activeMax: number;
  connectionsMax: number;
  lockWaitsMax: number;
  lockWaitSamples: number;
  /** Most images seen waiting for their derivation (the backlog the backpressure bounds). */
  pendingMax: number;
  /** backends seen waiting, summed over samples, by wait event (Lock:transactionid, Lock:advisory, …) */
  waits: Record<string, number>;
  count: number;
};

/** Every 250 ms: next-server RSS and, from pg_stat_activity, busy connections and lock waits. */
export function startLoadSampler(db: Database, pid: number) {
  const samples: Samples = {
    rssMax: 0,
    activeMax: 0,
    connectionsMax: 0,
    lockWaitsMax: 0,
    lockWaitSamples: 0,
    pendingMax: 0,
    waits: {},
    count: 0,
  };
  const sample = async () => {
    samples.rssMax = Math.max(samples.rssMax, currentRssMb(pid));
    const [row] = await db.execute(sql`select count(*)::int as connections,
        count(*) filter (where state = 'active')::int as active,
        count(*) filter (where wait_event_type = 'Lock')::int as lock_waits,
        (select count(*)::int from images where derive_state = 'pending') as pending
      from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
    samples.count += 1;
    samples.connectionsMax = Math.max(samples.connectionsMax, Number(row?.connections ?? 0));
    samples.activeMax = Math.max(samples.activeMax, Number(row?.active ?? 0));
    samples.lockWaitsMax = Math.max(samples.lockWaitsMax, Number(row?.lock_waits ?? 0));
    samples.pendingMax = Math.max(samples.pendingMax, Number(row?.pending ?? 0));
    if (Number(row?.lock_waits ?? 0) > 0) samples.lockWaitSamples += 1;
    // What the waiting backends wait on, and for row locks the statement that waits (which row is contended).
    const waiting = await db.execute(sql`select wait_event_type || ':' || wait_event
        || case when wait_event_type = 'Lock' then ' ← ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 60) else '' end
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

export function printLoadTable(
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
    /** Derivations done by the worker during the load, left waiting at its end, and how long they took after. */
    derived: { during: number; pendingAtEnd: number; drainSeconds: number | null };
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
  const perSecond = (count: number) => (count / result.seconds).toFixed(1);
  console.log(
    `\ngenerators: stored ${result.stored} new images (${perSecond(result.stored)}/s), ${result.duplicates} answered "duplicate" (200: every pre-encoded body sent, then re-sent)`,
  );
  console.log(
    `backpressure: ${result.refused} answers 503 overloaded (${result.refusedWithoutRetryAfter} without Retry-After), each image sent again after its Retry-After; backlog ≤ ${after.samples.pendingMax} images`,
  );
  const drain =
    after.derived.drainSeconds === null ? "not within 120 s" : `${after.derived.drainSeconds.toFixed(1)} s`;
  console.log(
    `worker: derived ${after.derived.during} images during the load (${perSecond(after.derived.during)}/s); ${after.derived.pendingAtEnd} waiting at its end, derived ${drain} later`,
  );
  console.log(
    `socket errors ${result.socketErrors} (load ${result.seconds.toFixed(1)} s; measured phase ${after.totalSeconds.toFixed(1)} s)`,
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

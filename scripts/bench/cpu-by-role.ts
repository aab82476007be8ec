// CPU time of every process on the machine, by its role in the benchmark: the web server, its ingest lane, the
// worker, the importer, the load client, the local S3 server, and Postgres backends by the kind of connection they
// serve (background work names its connections: scripts/background-priority.ts). Who shares the cores with the
// desk, phase by phase: a slow request is the server's own work, or a busy machine, and then whose.
import { sql } from "drizzle-orm";
import type { createDatabase } from "@/lib/db/client";
import { BACKGROUND_APPLICATION_NAME } from "../background-priority";
import { readAllStats, TICKS_PER_SECOND } from "./cpu";

const ROLES = [
  "server",
  "lane",
  "worker",
  "importer",
  "s3",
  "client",
  "postgres: background",
  "postgres: other",
  "other",
] as const;
type Role = (typeof ROLES)[number];
type Seen = { role: Role; first: number; last: number };

/**
 * Samples every process's own CPU time (not its reaped children's) each second until stopped, by role. Sampling
 * through the phase, not only at its ends, keeps the time of processes that end before it does: the load client
 * and the importer exit as the phase ends. A process first seen after the start counts from zero; one that ends
 * loses at most its last second.
 */
export function startRoleSampler(db: ReturnType<typeof createDatabase>): { stop: () => Promise<string> } {
  const seen = new Map<number, Seen>();
  const started = performance.now();
  let isFirst = true;
  const sample = async () => {
    const rows = await db.execute(sql`select pid, application_name from pg_stat_activity`);
    const background = new Set(
      rows
        .filter((row) => row.application_name === BACKGROUND_APPLICATION_NAME)
        .map((row) => Number(row.pid)),
    );
    for (const stat of readAllStats()) {
      const role = roleOf(stat.pid, stat.command, background);
      const known = seen.get(stat.pid);
      if (known && known.role === role) known.last = stat.ownTicks;
      else seen.set(stat.pid, { role, first: isFirst ? stat.ownTicks : 0, last: stat.ownTicks });
    }
    isFirst = false;
  };
  let pending = sample();
  const timer = setInterval(() => {
    pending = pending.then(sample, sample);
  }, 1000);
  return {
    stop: async () => {
      clearInterval(timer);
      await pending.then(sample, sample);
      const wallMs = performance.now() - started;
      const totals = new Map<Role, number>(ROLES.map((role) => [role, 0]));
      for (const { role, first, last } of seen.values())
        totals.set(role, (totals.get(role) ?? 0) + last - first);
      const share = (ticks: number) => Math.round(((ticks / TICKS_PER_SECOND) * 100_000) / wallMs);
      return `${ROLES.map((role) => `${role} ${share(totals.get(role) ?? 0)}`).join(" · ")} (% of one core)`;
    },
  };
}

function roleOf(pid: number, command: string, background: Set<number>): Role {
  if (command.includes("serve-app")) return command.includes(" lane") ? "lane" : "server";
  if (command.includes("scripts/worker.ts")) return "worker";
  if (command.includes("cli.ts import")) return "importer";
  if (command.includes("s3-server")) return "s3";
  if (command.includes("load-client")) return "client";
  if (command.startsWith("postgres")) return background.has(pid) ? "postgres: background" : "postgres: other";
  return "other";
}

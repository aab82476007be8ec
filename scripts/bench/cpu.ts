// CPU time of the benchmark's own process tree (this process, the launcher, the app server, Postgres and the S3
// server), read from /proc: other load on a shared machine slows a run's throughput but not its CPU per image.
import { readdirSync, readFileSync } from "node:fs";

export const TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)
const GROUPS = ["bench", "app", "postgres", "s3", "other"] as const;
type Group = (typeof GROUPS)[number];
export type CpuSnapshot = Record<Group, number>;

/** `ticks`: the process's own CPU and its reaped children's; `ownTicks`: its own alone. */
type ProcessStat = { pid: number; ppid: number; ticks: number; ownTicks: number; command: string };

/** CPU seconds so far per group; reaped children (exited Postgres backends) count in their parent's total. */
export function snapshotCpu(): CpuSnapshot {
  const all = new Map(readAllStats().map((stat) => [stat.pid, stat]));
  const children = new Map<number, number[]>();
  for (const stat of all.values()) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat.pid]);
  const totals: CpuSnapshot = { bench: 0, app: 0, postgres: 0, s3: 0, other: 0 };
  const queue = [process.pid];
  while (queue.length > 0) {
    const pid = queue.shift() ?? 0;
    const stat = all.get(pid);
    if (stat) totals[groupOf(stat)] += stat.ticks / TICKS_PER_SECOND;
    queue.push(...(children.get(pid) ?? []));
  }
  return totals;
}

/** "cpu ms/img 61.2 = bench 30.1 + app 20.0 + postgres 5.0 + s3 6.1 + other 0.0" between two snapshots. */
export function formatCpuPerImage(before: CpuSnapshot, after: CpuSnapshot, images: number): string {
  const perImage = (group: Group) => ((after[group] - before[group]) * 1000) / images;
  const total = GROUPS.reduce((sum, group) => sum + perImage(group), 0);
  const parts = GROUPS.map((group) => `${group} ${perImage(group).toFixed(1)}`).join(" + ");
  return `cpu ms/img ${total.toFixed(1).padStart(6)} = ${parts}`;
}

/** Every process's stat that is still there once read. */
export function readAllStats(): ProcessStat[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => readStat(Number(entry)) ?? []);
}

/** A process's parent, CPU ticks and command line; null once it has exited. */
function readStat(pid: number): ProcessStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command may hold spaces and parentheses: the fields start after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const ownTicks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    const ticks = ownTicks + Number(fields[13] ?? 0) + Number(fields[14] ?? 0);
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    return { pid, ppid: Number(fields[1]), ticks, ownTicks, command };
  } catch {
    return null; // exited while we looked
  }
}

function groupOf(stat: ProcessStat): Group {
  if (stat.pid === process.pid) return "bench";
  if (stat.command.includes("serve-app") || stat.command.startsWith("next-server")) return "app";
  if (stat.command.includes("postgres")) return "postgres";
  if (stat.command.includes("s3-server")) return "s3";
  return "other";
}

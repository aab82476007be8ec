// Timing helpers the read benchmarks share (bench:gallery and the sections it runs on the same rows).
import os from "node:os";
import { drizzle } from "drizzle-orm/postgres-js";
import type { Database } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";

export const RUNS = Number(process.env.BENCH_RUNS || 60);

/**
 * The median ms of each piece of work, run in turns (after `warmups` rounds) so drift on a busy machine hits all
 * alike. Each work is told which run this is (warm-ups count from 0 too).
 */
export async function medians(
  works: ((run: number) => Promise<unknown>)[],
  { runs = RUNS, warmups = 5 }: { runs?: number; warmups?: number } = {},
): Promise<number[]> {
  const samples = works.map((): number[] => []);
  for (let run = -warmups; run < runs; run += 1) {
    for (const [index, work] of works.entries()) {
      const started = performance.now();
      await work(run + warmups);
      if (run >= 0) samples[index]?.push(performance.now() - started);
    }
  }
  return samples.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0);
}

export const fmt = (ms: number) => ms.toFixed(2).padStart(7);

/** The 1-minute load average, printed beside figures measured on a shared machine. */
export const loadAverage = () => os.loadavg()[0]?.toFixed(1) ?? "?";

type Statement = { sql: string; params: unknown[] };

/**
 * The SQL statements `work` sends through the db it is handed, in order: a drizzle instance on the same connections
 * that records each query, so a benchmark can replay exactly what a data function sends.
 */
export async function capturedStatements(
  db: Database,
  work: (recording: Database) => Promise<unknown>,
): Promise<Statement[]> {
  const statements: Statement[] = [];
  const recording = drizzle(db.$client, {
    schema,
    casing: "snake_case",
    logger: { logQuery: (sql, params) => statements.push({ sql, params }) },
  }) as Database;
  await work(recording);
  return statements;
}

/** Sends the statements straight to the driver as the data function did: the first, then the rest at once. */
export async function replay(db: Database, statements: Statement[]): Promise<void> {
  const [first, ...rest] = statements;
  if (first) await db.$client.unsafe(first.sql, first.params as never[], { prepare: true });
  await Promise.all(
    rest.map((statement) => db.$client.unsafe(statement.sql, statement.params as never[], { prepare: true })),
  );
}

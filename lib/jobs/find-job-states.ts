import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import type { JobQueueName } from "./queues";

export type JobState = { state: string; attempts: number; message: string | null };

/**
 * The latest job of each key (the `singletonKey` it was sent with) in `queue`, read from pg-boss's job table (its
 * documented schema; jobs archived or deleted are absent). For the doctor: why a derivation is overdue.
 */
export async function findJobStates(
  db: Queryable,
  queue: JobQueueName,
  keys: string[],
): Promise<Map<string, JobState>> {
  if (keys.length === 0) return new Map();
  const rows = await db.execute<{ key: string; state: string; attempts: number; message: string | null }>(sql`
    select distinct on (singleton_key) singleton_key as key, state::text as state,
      retry_count + 1 as attempts, output->>'message' as message
    from pgboss.job
    where name = ${queue} and singleton_key = any(${sql.param(`{${keys.join(",")}}`)}::text[])
    order by singleton_key, created_on desc`);
  return new Map(
    rows.map((row) => [row.key, { state: row.state, attempts: row.attempts, message: row.message }]),
  );
}

import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { isBucketReachable } from "@/lib/storage/s3-client";
import type { Storage } from "@/lib/storage/storage";
import { type IngestLaneHealth, probeIngestLane } from "./ingest-lane-probe";

type ComponentHealth = "ok" | "unavailable";
/** ingest_lane only where the server runs one (`npm start`): see lib/health/ingest-lane-probe.ts. */
export type Health = { db: ComponentHealth; storage: ComponentHealth; ingest_lane?: IngestLaneHealth };

const HEALTH_TIMEOUT_MS = 2000;

/**
 * SELECT 1 and HeadBucket, in parallel, each bounded so a dead dependency answers within the timeout; and the
 * ingest lane's state where there is one.
 */
export async function checkHealth(
  deps: { db: Database; storage: Storage },
  timeoutMs = HEALTH_TIMEOUT_MS,
): Promise<Health> {
  const [db, storage] = await Promise.all([
    withTimeout(deps.db.execute(sql`select 1`), timeoutMs),
    isBucketReachable(deps.storage, timeoutMs),
  ]);
  const lane = probeIngestLane();
  return {
    db: db ? "ok" : "unavailable",
    storage: storage ? "ok" : "unavailable",
    ...(lane ? { ingest_lane: lane } : {}),
  };
}

async function withTimeout(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([work.then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

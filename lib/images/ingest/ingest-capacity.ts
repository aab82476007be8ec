import "server-only";
import type { Database } from "@/lib/db/client";
import { countWaitingJobs } from "@/lib/jobs/job-queue";
import { DERIVE_QUEUE } from "@/lib/jobs/queues";
import { err, ok, type Result } from "@/lib/result";

// Every post asks; one count per pool per half second answers them all (a partial index count, well under 1 ms).
// Images this process admitted since the count are added to it, so a burst cannot slip past a stale count.
const FRESH_MS = 500;
type Count = { at: number; waiting: Promise<number>; admitted: number };
const counts = new WeakMap<Database, Count>();

/**
 * Backpressure: while more images wait for their derivation than `limit`, a new image is refused with
 * `overloaded` (503) and a Retry-After that grows with the backlog (2 s at the limit), instead of every post
 * queuing behind work the workers cannot clear. The request does no image work first, so refusals are cheap and
 * people's pages keep their latency. Duplicates of stored images are answered before this (they add no work).
 */
export async function checkIngestCapacity(db: Database, limit: number): Promise<Result<void>> {
  const count = freshCount(db);
  const waiting = (await count.waiting) + count.admitted;
  if (waiting < limit) {
    count.admitted += 1;
    return ok(undefined);
  }
  const retryAfterSeconds = Math.min(60, Math.max(1, Math.ceil((2 * waiting) / limit)));
  return err(
    "overloaded",
    `${waiting} images are waiting for a worker (the limit is ${limit}); retry after ${retryAfterSeconds} s`,
    { retry_after_seconds: retryAfterSeconds },
  );
}

function freshCount(db: Database): Count {
  const cached = counts.get(db);
  if (cached && performance.now() - cached.at < FRESH_MS) return cached;
  const count = { at: performance.now(), waiting: countWaitingJobs(db, DERIVE_QUEUE), admitted: 0 };
  counts.set(db, count);
  // A failed count is not cached: the next post asks again.
  count.waiting.catch(() => counts.delete(db));
  return count;
}

import "server-only";
import pLimit from "p-limit";
import { getConfig } from "@/lib/config";
import { err, type Result } from "@/lib/result";

// An ingest's work (reading the file's header, parsing what it embeds, the sha256 claim, writing the original and
// its row) runs on the web process's one event loop beside reviewers' requests, and a desk request awaits a dozen
// database round trips, each behind every ingest callback that is ready before it: with 16 generators posting at
// once a decision took ~1 s at p95 while its own work took 20 ms. So one process runs at most INGEST_CONCURRENCY
// ingests at once; the others wait their turn, and past WAITING_PER_SLOT each are refused `overloaded` (503 +
// Retry-After) like a full backlog, instead of piling up. The gate is taken once the body is read, so a client
// that sends its body slowly holds no slot.
const WAITING_PER_SLOT = 8;
type Gate = <T>(task: () => Promise<Result<T>>) => Promise<Result<T>>;

/** A gate running `concurrency` tasks at once (FIFO) that refuses a task when too many already wait. */
export function createIngestGate(concurrency: number): Gate {
  const limit = pLimit(concurrency);
  return async (task) => {
    if (limit.pendingCount >= concurrency * WAITING_PER_SLOT) {
      return err("overloaded", "This server is busy storing other images; retry after 1 s", {
        retry_after_seconds: 1,
      });
    }
    return limit(task);
  };
}

let processGate: Gate | undefined;

/** Runs one ingest request of this process when a slot is free; refuses it when too many already wait. */
export function underIngestGate<T>(task: () => Promise<Result<T>>): Promise<Result<T>> {
  processGate ??= createIngestGate(getConfig().limits.ingestConcurrency);
  return processGate(task);
}

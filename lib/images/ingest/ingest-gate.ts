import "server-only";
import pLimit from "p-limit";
import { getConfig } from "@/lib/config";
import { err, type Result } from "@/lib/result";

// Storing a new image (reading the file's header, parsing what it embeds, the sha256 claim, writing the original and
// its row) runs on the web process's one event loop beside reviewers' requests, and a desk request awaits its
// database round trips each behind every ingest callback that is ready before it: with 16 generators posting at
// once a decision took ~1 s at p95 while its own work took 20 ms. So one web process stores at most
// INGEST_CONCURRENCY new images at once; the others wait their turn, and past WAITING_PER_SLOT each are refused
// `overloaded` (503 + Retry-After) like a full backlog, instead of piling up. ingestImage takes the gate after the
// duplicate lookup, so a re-post of stored bytes (one UPDATE) never waits behind new images, and a client that
// sends its body slowly holds no slot (the body is read before ingestImage runs).
const WAITING_PER_SLOT = 8;

/** Runs a task when a slot is free, or refuses it (`overloaded`) when too many already wait. */
export type IngestGate = <T>(task: () => Promise<Result<T>>) => Promise<Result<T>>;

/** A gate running `concurrency` tasks at once (FIFO) that refuses a task when too many already wait. */
export function createIngestGate(concurrency: number): IngestGate {
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

let processGate: IngestGate | undefined;

/** The web process's gate, which every door hands ingestImage (lib/http/wrappers/handler-context.ts). */
export function webIngestGate(): IngestGate {
  processGate ??= createIngestGate(getConfig().limits.ingestConcurrency);
  return processGate;
}

import "server-only";
import { err, ok, type Result } from "@/lib/result";
import type { Storage, StorageTimeouts } from "./storage";

const DEFAULT_TIMEOUTS: StorageTimeouts = { transferMs: 30_000, metadataMs: 5_000 };

// Socket-level failures: the store is down, unreachable or dropped us. Retrying later may work.
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
]);

const TIMEOUT_MESSAGE = "The image store did not answer in time.";

type CallKind = keyof StorageTimeouts;
// The slowest upload a put is given time for, on top of the metadata budget (see putBudgetMs).
const MIN_PUT_BYTES_PER_SECOND = 256 * 1024;

export function timeoutOf(storage: Storage, kind: CallKind): number {
  return storage.timeouts?.[kind] ?? DEFAULT_TIMEOUTS[kind];
}

/**
 * A put's budget: the metadata budget for the answer, plus its bytes at 256 KB/s, at most the transfer budget. A
 * store that stalls fails a thumbnail's put as quickly as a HEAD (5 s), not after the 30 s a large original may
 * need; objects from 6.5 MB up keep the whole transfer budget.
 */
export function putBudgetMs(storage: Storage, byteLength: number): number {
  const forBytes = timeoutOf(storage, "metadataMs") + (byteLength * 1000) / MIN_PUT_BYTES_PER_SECOND;
  return Math.min(timeoutOf(storage, "transferMs"), Math.ceil(forBytes));
}

/**
 * Runs one S3 call under the storage's time budget (the signal also bounds the SDK's own retries) and turns
 * the expected failures into a Result. Anything else (403 AccessDenied, 400 BadDigest, our own bugs) is
 * rethrown: it means misconfiguration or corruption, and the adapter logs it once as internal_error.
 */
export async function callStorage<T>(
  storage: Storage,
  budget: CallKind | { ms: number },
  run: (abortSignal: AbortSignal) => Promise<T>,
): Promise<Result<T>> {
  const signal = AbortSignal.timeout(typeof budget === "string" ? timeoutOf(storage, budget) : budget.ms);
  try {
    return ok(await run(signal));
  } catch (error) {
    // Once the budget is spent, whatever the SDK or a half-read body throws is a timeout.
    if (signal.aborted) return err("storage_unavailable", TIMEOUT_MESSAGE, { reason: "timeout" });
    return toStorageFailure(error);
  }
}

/** Maps an SDK error to not_found / storage_unavailable, or rethrows it. Messages never name the bucket. */
export function toStorageFailure(error: unknown): Result<never> {
  const failure = error as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number } };
  const status = failure?.$metadata?.httpStatusCode;
  const name = typeof failure?.name === "string" ? failure.name : "";
  if (name === "NoSuchKey" || (status === 404 && name !== "NoSuchBucket")) {
    return err("not_found", "The object does not exist.");
  }
  if (name === "AbortError" || name === "TimeoutError") {
    return err("storage_unavailable", TIMEOUT_MESSAGE, { reason: "timeout" });
  }
  if (typeof failure?.code === "string" && NETWORK_CODES.has(failure.code)) {
    return err("storage_unavailable", "The image store could not be reached.", { reason: "network" });
  }
  // A deleted bucket is an outage of the store, not a missing image.
  if (name === "NoSuchBucket" || name === "SlowDown" || name === "RequestTimeout") {
    return err("storage_unavailable", "The image store is unavailable.", { reason: "server" });
  }
  if (status !== undefined && (status >= 500 || status === 429)) {
    return err("storage_unavailable", "The image store is unavailable.", { reason: "server" });
  }
  throw error;
}

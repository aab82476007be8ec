import "server-only";
import type { Database } from "@/db/client";
import { log } from "@/lib/logger";
import type { JobHandlers } from "./job-handlers";
import { producerFor } from "./job-queue";
import { JOB_QUEUES } from "./queues";

export type DrainResult = { done: number; failed: number; isEmpty: boolean };

/**
 * Runs queued jobs one at a time in this process until the queues are empty or `deadline` (epoch ms) passes, on
 * our own connections: the same claim (`FOR UPDATE SKIP LOCKED`), completion and retry as a worker's. For a
 * deployment without a worker process (a cron request drains a slice) and for tests that need a job's result.
 * A job started before the deadline runs to its end.
 */
export async function drainJobs(
  db: Database,
  handlers: JobHandlers,
  options: { deadline?: number } = {},
): Promise<DrainResult> {
  const boss = await producerFor(db);
  const result: DrainResult = { done: 0, failed: 0, isEmpty: false };
  while (options.deadline === undefined || Date.now() < options.deadline) {
    let ran = false;
    for (const queue of JOB_QUEUES) {
      const [job] = await boss.fetch<unknown>(queue, { batchSize: 1 });
      if (!job) continue;
      ran = true;
      try {
        await handlers[queue](job.data);
        await boss.complete(queue, job.id);
        result.done += 1;
      } catch (error) {
        log.warn({ err: error, queue, jobId: job.id }, "job failed; it runs again after its retry delay");
        await boss.fail(queue, job.id, { message: error instanceof Error ? error.message : String(error) });
        result.failed += 1;
      }
    }
    if (!ran) return { ...result, isEmpty: true };
  }
  return result;
}

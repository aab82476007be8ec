import "server-only";
import type { Database } from "@/lib/db/client";
import type { JobHandlers } from "./job-handlers";
import { producerFor } from "./job-queue";
import { JOB_QUEUES } from "./queues";
import { runOneJob } from "./run-one-job";

export type DrainResult = { done: number; failed: number; isEmpty: boolean };

/**
 * Runs queued jobs one at a time in this process until the queues are empty or `deadline` (epoch ms) passes, on
 * our own connections: the same claim, completion and retry as a worker's (lib/jobs/run-one-job.ts). For tests
 * that need a job's result, and for a deployment without a worker process. A job started before the deadline runs
 * to its end. Jobs waiting for their retry delay are not waited for.
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
      const run = await runOneJob(boss, queue, handlers[queue]);
      if (run === "none") continue;
      ran = true;
      result[run] += 1;
    }
    if (!ran) return { ...result, isEmpty: true };
  }
  return result;
}

import "server-only";
import type PgBoss from "pg-boss";
import { log } from "@/lib/logger";
import type { JobHandler } from "./job-handlers";
import type { JobQueueName } from "./queues";

export type JobRun = "none" | "done" | "failed";

/**
 * Takes one job of `queue` (`FOR UPDATE SKIP LOCKED`: no other worker gets it) and runs it, completing or failing
 * it. Our loop rather than pg-boss's `work()`, whose completion is not awaited: a completion lost with the
 * database (a restart) became an unhandled rejection that ended the worker. Here every database call is awaited
 * and a lost one only logged: an uncompleted job expires and runs again, and handlers are idempotent. A handler
 * still running at its job's expiry is failed then (it runs again after the retry delay), as pg-boss does.
 */
export async function runOneJob(boss: PgBoss, queue: JobQueueName, handler: JobHandler): Promise<JobRun> {
  // pg-boss answers [] when the database does not: an outage looks idle, and the next poll reconnects.
  const [job] = await boss.fetch<unknown>(queue, { batchSize: 1 });
  if (!job) return "none";
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      handler(job.data),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error("the job ran past its expiry")),
          job.expireInSeconds * 1000,
        );
      }),
    ]);
  } catch (error) {
    log.warn({ err: error, queue, jobId: job.id }, "job failed; it runs again after its retry delay");
    const message = error instanceof Error ? error.message : String(error);
    await boss.fail(queue, job.id, { message }).catch((lost) => logLost(lost, queue, job.id));
    return "failed";
  } finally {
    clearTimeout(timer);
  }
  await boss.complete(queue, job.id).catch((lost) => logLost(lost, queue, job.id));
  log.debug({ queue, jobId: job.id, ms: Math.round(performance.now() - started) }, "job done");
  return "done";
}

function logLost(error: unknown, queue: JobQueueName, jobId: string): void {
  log.warn(
    { err: error, queue, jobId },
    "job outcome not recorded (database unreachable); it runs again after expiry",
  );
}

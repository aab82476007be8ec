import "server-only";
import PgBoss from "pg-boss";
import postgres from "postgres";
import { log } from "@/lib/logger";
import type { JobHandlers } from "./job-handlers";
import { DERIVE_QUEUE, JOB_QUEUES, type JobQueueName } from "./queues";

export type JobWorkerOptions = {
  databaseUrl: string;
  handlers: JobHandlers;
  /** Jobs run at once (each decodes one image on one libvips thread); the derive queue gets all of them. */
  concurrency: number;
  /** How often an idle loop asks for a job. Default 0.5 s for derivations (thumbnails appear quickly), 2 s else. */
  pollingIntervalSeconds?: number;
  /** How often this worker (or another: one at a time) gives back the jobs of dead workers. Default 15 s. */
  maintenanceIntervalSeconds?: number;
};

export type JobWorker = { stop: () => Promise<void> };

/**
 * Runs queued jobs until stopped, on pg-boss's own pool. Every worker process, on one machine or many, takes jobs
 * with `FOR UPDATE SKIP LOCKED`, so each job runs in one worker at a time; each also supervises: a job whose
 * worker died (SIGKILL, a lost machine) is given back after its queue's expiry and runs again. A lost database
 * connection is logged and retried by the next poll; nothing else needs to restart.
 */
export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  await assertQueueReachable(options.databaseUrl);
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    // One connection per running job, one for polling and maintenance.
    max: options.concurrency + 2,
    migrate: false,
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 15,
    application_name: "lightbox-worker",
  });
  boss.on("error", (error) => log.warn({ err: error }, "job worker: database or queue error (retrying)"));
  await boss.start();
  for (const queue of JOB_QUEUES) {
    const loops = queue === DERIVE_QUEUE ? options.concurrency : 1;
    const pollingIntervalSeconds = options.pollingIntervalSeconds ?? (queue === DERIVE_QUEUE ? 0.5 : 2);
    for (let loop = 0; loop < loops; loop += 1) {
      await boss.work<unknown>(queue, { pollingIntervalSeconds, batchSize: 1 }, ([job]) =>
        runJob(options, queue, job),
      );
    }
  }
  return {
    // Finishes the jobs in hand (up to 20 s); any still running then are failed, and so run again elsewhere.
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 20_000 }),
  };
}

/**
 * The database answers and the queue's schema is installed (the migrate step), checked on one short connection
 * first: a failed pg-boss start would leave its pool open, and a worker retries its start until both hold.
 */
async function assertQueueReachable(databaseUrl: string): Promise<void> {
  const client = postgres(databaseUrl, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await client`select version from pgboss.version`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function runJob(options: JobWorkerOptions, queue: JobQueueName, job: PgBoss.Job<unknown> | undefined) {
  if (!job) return;
  const started = performance.now();
  try {
    await options.handlers[queue](job.data);
    log.debug({ queue, jobId: job.id, ms: Math.round(performance.now() - started) }, "job done");
  } catch (error) {
    log.warn({ err: error, queue, jobId: job.id }, "job failed; it runs again after its retry delay");
    throw error;
  }
}

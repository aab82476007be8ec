import "server-only";
import PgBoss from "pg-boss";
import postgres from "postgres";
import { log } from "@/lib/logger";
import type { JobHandlers } from "./job-handlers";
import { DERIVE_QUEUE, JOB_QUEUES, type JobQueueName } from "./queues";
import { runOneJob } from "./run-one-job";

export type JobWorkerOptions = {
  databaseUrl: string;
  handlers: JobHandlers;
  /** Jobs run at once (each decodes one image on one libvips thread); the derive queue gets all of them. */
  concurrency: number;
  /** How often an idle loop asks for a job. Default 0.5 s for derivations (thumbnails appear quickly), 2 s else. */
  pollingIntervalMs?: number;
  /** How often this worker (or another: one at a time) gives back the jobs of dead workers. Default 15 s. */
  maintenanceIntervalSeconds?: number;
  /** The name its database connections carry (pg_stat_activity): a background process's, to find its backends. */
  applicationName?: string;
};

export type JobWorker = { stop: () => Promise<void> };

const STOP_GRACE_MS = 20_000;

/**
 * Runs queued jobs until stopped, on pg-boss's own pool. Every worker process, on one machine or many, takes jobs
 * with `FOR UPDATE SKIP LOCKED`, so each job runs in one worker at a time; each also supervises (pg-boss
 * maintenance, one worker at a time): a job whose worker died (SIGKILL, a lost machine) is given back after its
 * queue's expiry and runs again. A lost database connection is logged; the next poll reconnects.
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
    application_name: options.applicationName ?? "lightbox-worker",
  });
  boss.on("error", (error) => log.warn({ err: error }, "job worker: database or queue error (retrying)"));
  await boss.start();
  let isStopping = false;
  // The idle loops' pending waits, so a stop ends them at once.
  const sleepers = new Set<() => void>();
  const loop = async (queue: JobQueueName) => {
    const idleMs = options.pollingIntervalMs ?? (queue === DERIVE_QUEUE ? 500 : 2000);
    while (!isStopping) {
      if ((await runOneJob(boss, queue, options.handlers[queue])) !== "none") continue;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, idleMs);
        sleepers.add(wake);
      });
    }
  };
  const loops = JOB_QUEUES.flatMap((queue) =>
    Array.from({ length: queue === DERIVE_QUEUE ? options.concurrency : 1 }, () => loop(queue)),
  );
  return {
    // Finishes the jobs in hand (up to 20 s); one still running then is not waited for: it expires and runs again.
    stop: async () => {
      isStopping = true;
      for (const wake of sleepers) wake();
      await Promise.race([Promise.all(loops), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
      await boss.stop({ graceful: false, wait: true });
    },
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

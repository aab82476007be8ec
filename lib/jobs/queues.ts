// The job queues and how each treats its jobs. Read by the installer (lib/jobs/install-job-queue.ts, at migrate),
// the producers (enqueue) and the worker; a queue's settings live in Postgres once installed.

/** An image's variants, placeholder and perceptual hash, after its row committed (lib/images/derive). */
export const DERIVE_QUEUE = "image-derive";
/**
 * A slice of a backfill (perceptual hashes of old images, a re-parse of every original): each job does a page and
 * queues the next.
 */
export const BACKFILL_QUEUE = "backfill";

export const JOB_QUEUES = [DERIVE_QUEUE, BACKFILL_QUEUE] as const;
export type JobQueueName = (typeof JOB_QUEUES)[number];

export type QueueSettings = {
  /** Attempts after the first: a job that throws (storage down, a worker killed mid-job) runs again. */
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  /**
   * How long a job may stay active. A worker killed mid-job (SIGKILL, OOM, a machine gone) never answers; the
   * supervisor of any live worker gives its job back after this long. Generous against the slowest honest job
   * (a 100 MP original decoded at low priority on a busy machine), short enough that a crash costs a minute or two.
   */
  expireInSeconds: number;
};

export const QUEUE_SETTINGS: Record<JobQueueName, QueueSettings> = {
  [DERIVE_QUEUE]: { retryLimit: 4, retryDelay: 5, retryBackoff: true, expireInSeconds: 90 },
  [BACKFILL_QUEUE]: { retryLimit: 4, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 },
};

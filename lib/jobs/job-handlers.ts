import type { JobQueueName } from "./queues";

/**
 * What a queue's jobs do, given the job's data. Resolving completes the job; throwing fails this attempt, which
 * runs again after the queue's retry delay (lib/jobs/queues.ts). A handler must be safe to run twice for one job:
 * a worker killed after its work but before the job was marked complete leaves the job to run again.
 */
export type JobHandler = (data: unknown) => Promise<void>;
export type JobHandlers = Record<JobQueueName, JobHandler>;

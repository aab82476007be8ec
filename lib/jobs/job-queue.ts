import "server-only";
import PgBoss from "pg-boss";
import type { Database, Transaction } from "@/lib/db/client";
import { log } from "@/lib/logger";
import { bossDatabase } from "./boss-database";
import type { JobQueueName } from "./queues";

// One producer per pool: pg-boss's client for sending jobs and counting queues, on our own connections. It runs
// no maintenance and installs nothing (the migrate step does; lib/jobs/install-job-queue.ts).
const producers = new WeakMap<Database, Promise<PgBoss>>();

/** The producer of this pool (created and started once). */
export function producerFor(db: Database): Promise<PgBoss> {
  let producer = producers.get(db);
  if (!producer) {
    producer = (async () => {
      const boss = new PgBoss({ db: bossDatabase(db), migrate: false, supervise: false, schedule: false });
      boss.on("error", (error) => log.error({ err: error }, "job queue error"));
      // start() checks that the installed queue schema is the one this pg-boss expects.
      return boss.start();
    })();
    producer.catch(() => producers.delete(db));
    producers.set(db, producer);
  }
  return producer;
}

/**
 * Queues a job inside `tx`: it commits with the rows it is about, or not at all. `key` names what the job is for
 * (an image id): the queues are `short`, so while one job for a key waits, sending another is a no-op.
 */
export async function enqueueJob(
  db: Database,
  tx: Transaction,
  queue: JobQueueName,
  key: string,
  data: Record<string, unknown>,
): Promise<void> {
  const producer = await producerFor(db);
  await producer.send(queue, data, { singletonKey: key, db: bossDatabase(tx) });
}

/** Jobs waiting for a worker (created or waiting to retry), not those running: one indexed count. */
export async function countWaitingJobs(db: Database, queue: JobQueueName): Promise<number> {
  const producer = await producerFor(db);
  return (await producer.getQueueSize(queue, { before: "active" })) ?? 0;
}

import "server-only";
import type { Database } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/job-queue";
import { BACKFILL_QUEUE } from "@/lib/jobs/queues";
import { log } from "@/lib/logger";
import type { ReparseDeps } from "./reparse-image";
import { reparseImages } from "./reparse-images";

// Images re-read by one job; the next slice is queued by the job itself.
const REPARSE_SLICE = 200;

/**
 * Queues a re-parse of every stored original (`cli reparse`): a chain of backfill jobs, each re-reading a slice of
 * images in id order from `fromId` (exclusive) and queuing the next, run by the workers at their low priority. A
 * worker killed mid-slice runs that slice again, which writes nothing twice (a re-parse writes only what differs).
 * One waiting job per chain: queued again while one waits, nothing is added.
 */
export async function queueReparse(db: Database, fromId: string | null): Promise<void> {
  await db.transaction((tx) => enqueueJob(db, tx, BACKFILL_QUEUE, "reparse", { kind: "reparse", fromId }));
}

/** One slice of the re-parse job: what changed goes to the worker's log, and the next slice is queued. */
export async function runReparseSlice(deps: ReparseDeps, fromId: string | null): Promise<void> {
  const summary = await reparseImages(
    deps,
    { dryRun: false, fromId: fromId ?? undefined, maxImages: REPARSE_SLICE },
    (progress) => {
      if (progress.error) log.warn({ imageId: progress.id, reason: progress.error }, "reparse: not re-read");
      else if (progress.changes.length > 0)
        log.info(
          { imageId: progress.id, fields: progress.changes.map((change) => change.field) },
          "reparse: generation fields changed",
        );
    },
  );
  log.info(
    { seen: summary.seen, changed: summary.changed, failed: summary.failed, lastId: summary.lastId },
    summary.isDone ? "reparse: done" : "reparse: slice done",
  );
  if (!summary.isDone) await queueReparse(deps.db, summary.lastId ?? fromId);
}

import "server-only";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { JobHandlers } from "@/lib/jobs/job-handlers";
import { enqueueJob } from "@/lib/jobs/job-queue";
import { BACKFILL_QUEUE, DERIVE_QUEUE } from "@/lib/jobs/queues";
import { reparseSlice } from "../reparse/reparse-job";
import { backfillPerceptualHashes } from "../similar/backfill-perceptual-hashes";
import { type DeriveDeps, deriveImage } from "./derive-image";

const deriveJobSchema = z.object({ imageId: z.uuid() });
/** The backfills: perceptual hashes of images stored before they existed (`cli phash`), a re-parse (`cli reparse`). */
const BACKFILL_KINDS = ["phash", "reparse"] as const;
type BackfillKind = (typeof BACKFILL_KINDS)[number];
const backfillJobSchema = z.object({ kind: z.enum(BACKFILL_KINDS), fromId: z.uuid().nullable() });
// Images one backfill job goes through; the next slice is queued by the job itself.
const BACKFILL_SLICE = 200;

/** What the image queues' jobs do (run by a worker process, or drained by a cron request or a test). */
export function createImageJobHandlers(deps: DeriveDeps): JobHandlers {
  return {
    [DERIVE_QUEUE]: async (data) => {
      await deriveImage(deps, deriveJobSchema.parse(data).imageId);
    },
    [BACKFILL_QUEUE]: async (data) => {
      const { kind, fromId } = backfillJobSchema.parse(data);
      const slice =
        kind === "reparse"
          ? await reparseSlice(deps, fromId, BACKFILL_SLICE)
          : await backfillPerceptualHashes(deps, { fromId: fromId ?? undefined, maxImages: BACKFILL_SLICE });
      if (!slice.isDone) await queueBackfill(deps.db, kind, slice.lastId ?? fromId);
    },
  };
}

/**
 * Queues a backfill: a chain of jobs, each going through a slice of the images in id order from `fromId`
 * (exclusive) and queuing the next, run by the workers at their low priority. A worker killed mid-slice runs that
 * slice again, which does nothing twice (a hash is written where there is none, a re-parse writes only what
 * differs). One waiting job per kind: queued again while one waits, nothing is added.
 */
export async function queueBackfill(db: Database, kind: BackfillKind, fromId: string | null): Promise<void> {
  await db.transaction((tx) => enqueueJob(db, tx, BACKFILL_QUEUE, kind, { kind, fromId }));
}

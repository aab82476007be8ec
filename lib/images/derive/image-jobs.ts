import "server-only";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { JobHandlers } from "@/lib/jobs/job-handlers";
import { enqueueJob } from "@/lib/jobs/job-queue";
import { BACKFILL_QUEUE, DERIVE_QUEUE } from "@/lib/jobs/queues";
import { runReparseSlice } from "../reparse/reparse-job";
import { backfillPerceptualHashes } from "../similar/backfill-perceptual-hashes";
import { type DeriveDeps, deriveImage } from "./derive-image";

const deriveJobSchema = z.object({ imageId: z.uuid() });
const backfillJobSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("phash"), fromId: z.uuid().nullable() }),
  z.object({ kind: z.literal("reparse"), fromId: z.uuid().nullable() }),
]);
// Images hashed by one backfill job; the next slice is queued by the job itself.
const BACKFILL_SLICE = 200;

/** What the image queues' jobs do (run by a worker process, or drained by a cron request or a test). */
export function createImageJobHandlers(deps: DeriveDeps): JobHandlers {
  return {
    [DERIVE_QUEUE]: async (data) => {
      await deriveImage(deps, deriveJobSchema.parse(data).imageId);
    },
    [BACKFILL_QUEUE]: async (data) => {
      const { kind, fromId } = backfillJobSchema.parse(data);
      if (kind === "reparse") return runReparseSlice(deps, fromId);
      const progress = await backfillPerceptualHashes(deps, {
        fromId: fromId ?? undefined,
        maxImages: BACKFILL_SLICE,
      });
      if (!progress.isDone) await queuePhashBackfill(deps.db, progress.lastId);
    },
  };
}

/**
 * Queues the perceptual-hash backfill (`cli phash`): a chain of jobs, each hashing a slice of the images that have
 * none from `fromId` on and queuing the next; a worker killed mid-slice runs that slice again.
 */
export async function queuePhashBackfill(db: Database, fromId: string | null): Promise<void> {
  await db.transaction((tx) => enqueueJob(db, tx, BACKFILL_QUEUE, "phash", { kind: "phash", fromId }));
}

import "server-only";
import { log } from "@/lib/logger";
import type { ReparseDeps } from "./reparse-image";
import { type ReparseSummary, reparseImages } from "./reparse-images";

/**
 * One slice of the re-parse backfill (lib/images/derive/image-jobs.ts queues the next): up to `maxImages` originals
 * re-read from `fromId` on, what changed going to the worker's log.
 */
export async function reparseSlice(
  deps: ReparseDeps,
  fromId: string | null,
  maxImages: number,
): Promise<ReparseSummary> {
  const summary = await reparseImages(
    deps,
    { dryRun: false, fromId: fromId ?? undefined, maxImages },
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
  return summary;
}

import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import { images } from "@/lib/db/schema";
import { type FieldChange, type ReparseDeps, reparseImage } from "./reparse-image";

export type ReparseProgress = {
  id: string;
  sha256: string;
  /** Images looked at so far in this run, and how many the run will look at (null for a slice: not counted). */
  done: number;
  total: number | null;
  changes: FieldChange[];
  error: string | null;
};
export type ReparseSummary = {
  seen: number;
  changed: number;
  failed: number;
  lastId: string | null;
  interrupted: boolean;
  /** No image after lastId: the run is complete (false when interrupted, or a slice stopped at maxImages). */
  isDone: boolean;
};

const BATCH = 100;

/**
 * Re-parses every stored original, one at a time (one object in memory), in id order from `fromId`
 * (exclusive) so an interrupted run resumes where it stopped. Missing objects are skipped by the
 * doctor's state; a failed read is reported and the run goes on. With `maxImages` it stops after that many
 * (`isDone` false): one slice of the reparse job (lib/images/reparse/reparse-job.ts).
 */
export async function reparseImages(
  deps: ReparseDeps,
  options: { dryRun: boolean; fromId?: string; signal?: AbortSignal; maxImages?: number },
  onImage: (progress: ReparseProgress) => void,
): Promise<ReparseSummary> {
  const present = eq(images.objectState, "present");
  const from = options.fromId ? gt(images.id, options.fromId) : undefined;
  // A slice is not counted: a count per slice would read the whole table as often as there are slices.
  const total = options.maxImages === undefined ? await deps.db.$count(images, and(present, from)) : null;
  const summary: ReparseSummary = {
    seen: 0,
    changed: 0,
    failed: 0,
    lastId: null,
    interrupted: false,
    isDone: false,
  };
  let cursor = options.fromId;
  const isSliceFull = () => options.maxImages !== undefined && summary.seen >= options.maxImages;
  while (!options.signal?.aborted && !isSliceFull()) {
    const batch = await deps.db
      .select()
      .from(images)
      .where(and(present, cursor ? gt(images.id, cursor) : undefined))
      .orderBy(asc(images.id))
      .limit(Math.min(BATCH, (options.maxImages ?? BATCH) - summary.seen));
    if (batch.length === 0) {
      summary.isDone = true;
      break;
    }
    for (const row of batch) {
      if (options.signal?.aborted) break;
      const result = await reparseImage(deps, row, { dryRun: options.dryRun });
      summary.seen += 1;
      summary.lastId = row.id;
      cursor = row.id;
      if (!result.ok) summary.failed += 1;
      else if (result.value.length > 0) summary.changed += 1;
      onImage({
        id: row.id,
        sha256: row.sha256,
        done: summary.seen,
        total,
        changes: result.ok ? result.value : [],
        error: result.ok ? null : result.error.message,
      });
    }
  }
  summary.interrupted = options.signal?.aborted ?? false;
  return summary;
}

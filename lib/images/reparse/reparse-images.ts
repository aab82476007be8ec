import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import { images } from "@/lib/db/schema";
import { type FieldChange, type ReparseDeps, reparseImage } from "./reparse-image";

export type ReparseProgress = {
  id: string;
  sha256: string;
  /** Images looked at so far in this run, and how many the run will look at. */
  done: number;
  total: number;
  changes: FieldChange[];
  error: string | null;
};
export type ReparseSummary = {
  seen: number;
  changed: number;
  failed: number;
  lastId: string | null;
  interrupted: boolean;
};

const BATCH = 100;

/**
 * Re-parses every stored original, one at a time (one object in memory), in id order from `fromId`
 * (exclusive) so an interrupted run resumes where it stopped. Missing objects are skipped by the
 * doctor's state; a failed read is reported and the run goes on.
 */
export async function reparseImages(
  deps: ReparseDeps,
  options: { dryRun: boolean; fromId?: string; signal?: AbortSignal },
  onImage: (progress: ReparseProgress) => void,
): Promise<ReparseSummary> {
  const present = eq(images.objectState, "present");
  const from = options.fromId ? gt(images.id, options.fromId) : undefined;
  const total = await deps.db.$count(images, and(present, from));
  const summary: ReparseSummary = { seen: 0, changed: 0, failed: 0, lastId: null, interrupted: false };
  let cursor = options.fromId;
  while (!options.signal?.aborted) {
    const batch = await deps.db
      .select()
      .from(images)
      .where(and(present, cursor ? gt(images.id, cursor) : undefined))
      .orderBy(asc(images.id))
      .limit(BATCH);
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
    if (batch.length < BATCH) break;
  }
  summary.interrupted = options.signal?.aborted ?? false;
  return summary;
}

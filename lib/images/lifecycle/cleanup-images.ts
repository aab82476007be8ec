import "server-only";
import { and, asc, isNotNull, lt, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { datasetImages, datasetVersionImages, images } from "@/db/schema";
import type { Storage } from "@/lib/storage/storage";
import { purgeImage } from "./purge-image";

const cleanupImagesSchema = z.object({
  olderThanMs: z.number().int().positive(),
  dryRun: z.boolean().default(false),
  now: z.date().optional(),
});
export type CleanupImagesInput = z.input<typeof cleanupImagesSchema>;

type Candidate = { id: string; sha256: string; reason: "rejected" | "deleted"; lastPostedAt: Date };
export type CleanupReport = {
  dry_run: boolean;
  cutoff: string;
  candidates: Candidate[];
  purged: number;
  failed: { id: string; reason: string }[];
};

/**
 * Purges images rejected before the cutoff (by created_at) and images soft-deleted before it (by deleted_at).
 * Never approved images, never images in a dataset or a frozen version (purgeImage checks again, under lock).
 * `dryRun` lists what would go and changes nothing.
 */
export async function cleanupImages(
  deps: { db: Database; storage: Storage },
  input: CleanupImagesInput,
): Promise<CleanupReport> {
  const options = cleanupImagesSchema.parse(input);
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.olderThanMs);
  // Drizzle renders columns unqualified here, so the outer row's id is spelled with its table: a bare "id"
  // would bind to the subquery's own table.
  const rows = await deps.db
    .select({
      id: images.id,
      sha256: images.sha256,
      deletedAt: images.deletedAt,
      lastPostedAt: images.lastPostedAt,
    })
    .from(images)
    .where(
      and(
        or(
          and(sql`${images.reviewStatus} = 'rejected'`, lt(images.createdAt, cutoff)),
          and(isNotNull(images.deletedAt), lt(images.deletedAt, cutoff)),
        ),
        ne(images.reviewStatus, "approved"),
        // Posted again since the cutoff: a generator still makes it, so it is not old.
        lt(images.lastPostedAt, cutoff),
        sql`not exists (select 1 from ${datasetImages} where ${datasetImages.imageId} = ${images}."id")`,
        sql`not exists (select 1 from ${datasetVersionImages} where ${datasetVersionImages.imageId} = ${images}."id")`,
      ),
    )
    .orderBy(asc(images.createdAt), asc(images.id));
  const candidates: Candidate[] = rows.map((row) => ({
    id: row.id,
    sha256: row.sha256,
    reason: row.deletedAt && row.deletedAt < cutoff ? "deleted" : "rejected",
    lastPostedAt: row.lastPostedAt,
  }));
  const report: CleanupReport = {
    dry_run: options.dryRun,
    cutoff: cutoff.toISOString(),
    candidates,
    purged: 0,
    failed: [],
  };
  if (options.dryRun) return report;
  for (const candidate of candidates) {
    // No person or key acts here: an operator ran `cli cleanup`; the audit event has no actor.
    // Old rejected images are purged without a soft delete first; a post since this selection keeps the image.
    const purged = await purgeImage(
      deps,
      candidate.id,
      {},
      { requireDeleted: false, seenLastPostedAt: candidate.lastPostedAt },
    );
    if (purged.ok) report.purged += 1;
    else report.failed.push({ id: candidate.id, reason: purged.error.message });
  }
  return report;
}

import "server-only";
import { and, asc, lt, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { datasetImages, datasetVersionImages, images } from "@/db/schema";
import type { Storage } from "@/lib/storage/storage";
import { isDueForCleanup } from "./cleanup-policy";
import { MAX_AGE_MS } from "./parse-age";
import { purgeImage } from "./purge-image";

const cleanupImagesSchema = z.object({
  olderThanMs: z.number().int().positive().max(MAX_AGE_MS),
  dryRun: z.boolean().default(false),
  now: z.date().optional(),
});
export type CleanupImagesInput = z.input<typeof cleanupImagesSchema>;

type Candidate = { id: string; sha256: string; reason: "rejected" | "deleted" };
export type CleanupReport = {
  dry_run: boolean;
  cutoff: string;
  candidates: Candidate[];
  purged: number;
  failed: { id: string; reason: string }[];
};

/**
 * Purges images rejected before the cutoff (by created_at) and images soft-deleted before it (by deleted_at).
 * Never approved images, never images in a dataset or a frozen version. The selection is only a list: purgeImage
 * checks each image again under its row lock (still due at this cutoff, still unprotected), so an approval, undo or
 * restore that lands after the selection keeps the image.
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
    })
    .from(images)
    .where(
      and(
        isDueForCleanup(cutoff),
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
    // Old rejected images are purged without a soft delete first.
    const purged = await purgeImage(deps, candidate.id, {}, { cleanupCutoff: cutoff });
    if (purged.ok) report.purged += 1;
    else report.failed.push({ id: candidate.id, reason: purged.error.message });
  }
  return report;
}

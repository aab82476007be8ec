import "server-only";
import { and, isNotNull, lt, or, type SQL, sql } from "drizzle-orm";
import { images } from "@/db/schema";

/**
 * Why the cleanup policy looks at an image at `cutoff`: rejected and made before it, or in the trash since before
 * it. The selection, the read-only plan and the purge's re-check under the row lock all use this one condition,
 * so a decision, undo or restore made after the selection takes the image out of the policy where the purge acts.
 */
export function isDueForCleanup(cutoff: Date): SQL {
  return or(
    and(sql`${images.reviewStatus} = 'rejected'`, lt(images.createdAt, cutoff)),
    and(isNotNull(images.deletedAt), lt(images.deletedAt, cutoff)),
  ) as SQL;
}

import "server-only";
import type { Queryable } from "@/lib/db/client";
import { ok, type Result } from "@/lib/result";
import { BULK_REVIEW_LIMIT, type BulkTarget, resolveBulkTarget } from "./bulk-target";

export type BulkPreview = { count: number; isOverLimit: boolean; limit: number };

/** How many images a bulk change would reach now: what the confirmation says before the reviewer agrees. */
export async function previewBulkReview(
  db: Queryable,
  reviewer: { id: string },
  target: BulkTarget,
): Promise<Result<BulkPreview>> {
  const ids = await resolveBulkTarget(db, reviewer.id, target);
  if (!ids.ok) return ids;
  const isOverLimit = ids.value.length > BULK_REVIEW_LIMIT;
  return ok({
    count: Math.min(ids.value.length, BULK_REVIEW_LIMIT),
    isOverLimit,
    limit: BULK_REVIEW_LIMIT,
  });
}

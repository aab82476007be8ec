import "server-only";
import { z } from "zod";
import type { Database } from "@/db/client";
import { REVIEW_DECISIONS } from "@/db/schema";
import { ok, type Result } from "@/lib/result";
import { recordReview } from "./record-review";
import type { ReviewDecision } from "./review-state";

export const bulkDecisionSchema = z.object({
  imageIds: z.array(z.uuid()).min(1, "select some images first").max(1000),
  decision: z.enum(REVIEW_DECISIONS),
});

/**
 * The reviewer's decision on each image, one recorded change per image (each is audited and can be undone).
 * Returns the new status of every image it could decide; deleted or unknown ids are left out.
 */
export async function recordBulkDecision(
  db: Database,
  reviewer: { id: string },
  input: { imageIds: string[]; decision: ReviewDecision },
): Promise<Result<{ statuses: Record<string, string> }>> {
  const statuses: Record<string, string> = {};
  for (const imageId of new Set(input.imageIds)) {
    const result = await recordReview(db, reviewer, { action: "decide", imageId, decision: input.decision });
    if (result.ok) statuses[imageId] = result.value.reviewStatus;
  }
  return ok({ statuses });
}

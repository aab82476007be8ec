import "server-only";
import { z } from "zod";
import type { Database } from "@/db/client";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import { REVIEW_DECISIONS, type ReviewDecision } from "@/lib/enums/review-enums";
import { ok, type Result } from "@/lib/result";
import { recordReview } from "./record-review";

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
): Promise<Result<{ statuses: Record<string, ReviewStatus> }>> {
  const statuses: Record<string, ReviewStatus> = {};
  for (const imageId of new Set(input.imageIds)) {
    const result = await recordReview(db, reviewer, { action: "decide", imageId, decision: input.decision });
    if (result.ok) statuses[imageId] = result.value.reviewStatus;
  }
  return ok({ statuses });
}

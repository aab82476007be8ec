import "server-only";
import type { Queryable } from "@/lib/db/client";
import { pipelined } from "@/lib/db/pipelined";
import { reviewEvents } from "@/lib/db/schema";
import type { REVIEW_EVENT_ACTIONS } from "@/lib/enums/review-enums";
import { type ImageConsensus, refreshImageConsensus } from "./refresh-image-consensus";
import type { ReviewRule } from "./review-rule";
import type { ReviewState } from "./review-state";
import { settleReviewLease } from "./settle-review-lease";
import { writeReviewState } from "./write-review-state";

export type ReviewChange = {
  reviewerId: string;
  imageId: string;
  /** What the change replaces: its decision, and its reason tags when known (unknown: they are rewritten). */
  before: { decision: ReviewState["decision"]; tagIds: string[] | null };
  after: ReviewState;
  event: {
    action: (typeof REVIEW_EVENT_ACTIONS)[number];
    bulkReviewId?: string | null;
    undoesEventId?: number;
  };
  rule: ReviewRule;
};

/**
 * Writes one change to a reviewer's review, inside the deciding transaction (which holds lockReviewer): their row
 * and reasons, the event that records it, their lease, then the image's consensus. Nothing here waits on an
 * answer before sending the next statement, so it all goes out in one round trip (see pipelined), in this order:
 * the consensus lock and count come last, so they see this reviewer's row and the lock is held only from there to
 * commit. Then the consensus row update, if the value moved.
 */
export async function saveReviewChange(tx: Queryable, change: ReviewChange): Promise<ImageConsensus> {
  const { reviewerId, imageId, before, after, event, rule } = change;
  const stateWritten = writeReviewState(tx, imageId, reviewerId, after, before.tagIds);
  const eventAppended = pipelined(
    tx.insert(reviewEvents).values({
      imageId,
      reviewerId,
      action: event.action,
      bulkReviewId: event.bulkReviewId ?? null,
      undoesEventId: event.undoesEventId ?? null,
      ...after,
    }),
  );
  const leaseSettled = settleReviewLease(tx, {
    reviewerId,
    imageId,
    isDecided: after.decision !== null,
    wasDecided: before.decision !== null,
    rule,
  });
  const consensus = refreshImageConsensus(tx, imageId, rule);
  const [, , , refreshed] = await Promise.all([stateWritten, eventAppended, leaseSettled, consensus]);
  return refreshed;
}

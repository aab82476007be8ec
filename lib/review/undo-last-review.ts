import "server-only";
import { and, desc, eq, lt, ne, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/lib/db/client";
import { images, reviewEvents } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { findReviewRule } from "./find-review-rule";
import { lockReviewer, type RecordedReview } from "./record-review";
import type { ReviewRule } from "./review-rule";
import { EMPTY_REVIEW_STATE, type ReviewState } from "./review-state";
import { saveReviewChange } from "./save-review-change";

// An event still in effect: not an undo itself and not reverted by one (served by review_events_undoes_event_id_key).
export const isInEffect = and(
  ne(reviewEvents.action, "undo"),
  sql`not exists (select 1 from review_events as undo where undo.undoes_event_id = ${reviewEvents.id})`,
);

/**
 * Reverts the reviewer's most recent change still in effect (any image) to the state their previous change
 * to that image left, appending an `undo` event. Repeated undos walk further back.
 */
export async function undoLastReview(
  db: Database,
  reviewer: { id: string },
): Promise<Result<RecordedReview>> {
  return db.transaction(async (tx) => {
    await lockReviewer(tx, reviewer.id);
    const target = await lockLatestInEffect(tx, reviewer.id);
    if (!target) return err("not_found", "There is nothing to undo");
    return ok(await revertReviewEvent(tx, reviewer.id, target));
  });
}

/**
 * Puts the reviewer's review of the event's image back to the state their previous change in effect left,
 * appends the `undo` event, keeps their lease in step and re-derives the consensus; inside the caller's
 * transaction, which holds lockReviewer. The event must be the reviewer's latest change in effect to its image,
 * so its state is their current one.
 */
export async function revertReviewEvent(
  tx: Queryable,
  reviewerId: string,
  target: { id: number; imageId: string; decision: ReviewState["decision"] },
  rule?: ReviewRule,
): Promise<RecordedReview> {
  const stateFound = findStateBefore(tx, reviewerId, target);
  const ruleRead = rule ?? findReviewRule(tx);
  const [restored, consensusRule] = await Promise.all([stateFound, ruleRead]);
  const consensus = await saveReviewChange(tx, {
    reviewerId,
    imageId: target.imageId,
    before: { decision: target.decision, tagIds: null },
    after: restored,
    event: { action: "undo", undoesEventId: target.id },
    rule: consensusRule,
  });
  return { imageId: target.imageId, state: restored, ...consensus };
}

/**
 * The reviewer's latest change still in effect, with its image locked. A purge does not take the reviewer's lock: an
 * image purged between reading the event and locking the image took its events with it, so look again.
 */
async function lockLatestInEffect(tx: Queryable, reviewerId: string) {
  for (;;) {
    const [target] = await tx
      .select({ id: reviewEvents.id, imageId: reviewEvents.imageId, decision: reviewEvents.decision })
      .from(reviewEvents)
      .where(and(eq(reviewEvents.reviewerId, reviewerId), isInEffect))
      .orderBy(desc(reviewEvents.id))
      .limit(1);
    if (!target) return null;
    const [image] = await tx
      .select({ id: images.id })
      .from(images)
      .where(eq(images.id, target.imageId))
      // KEY SHARE, as a decision takes (record-review.ts): a purge cannot remove the image under this undo.
      .for("key share");
    if (image) return target;
  }
}

async function findStateBefore(
  tx: Queryable,
  reviewerId: string,
  target: { id: number; imageId: string },
): Promise<ReviewState> {
  const [previous] = await tx
    .select({
      decision: reviewEvents.decision,
      score: reviewEvents.score,
      note: reviewEvents.note,
      tagIds: reviewEvents.tagIds,
    })
    .from(reviewEvents)
    .where(
      and(
        eq(reviewEvents.reviewerId, reviewerId),
        eq(reviewEvents.imageId, target.imageId),
        lt(reviewEvents.id, target.id),
        isInEffect,
      ),
    )
    .orderBy(desc(reviewEvents.id))
    .limit(1);
  return previous ?? EMPTY_REVIEW_STATE;
}

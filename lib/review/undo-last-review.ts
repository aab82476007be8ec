import "server-only";
import { and, desc, eq, lt, ne, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { images, reviewEvents } from "@/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { lockReviewer, type RecordedReview } from "./record-review";
import { refreshImageConsensus } from "./refresh-image-consensus";
import { EMPTY_REVIEW_STATE, type ReviewState } from "./review-state";
import { writeReviewState } from "./write-review-state";

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
    const [target] = await tx
      .select({ id: reviewEvents.id, imageId: reviewEvents.imageId })
      .from(reviewEvents)
      .where(and(eq(reviewEvents.reviewerId, reviewer.id), isInEffect))
      .orderBy(desc(reviewEvents.id))
      .limit(1);
    if (!target) return err("not_found", "There is nothing to undo");
    return ok(await revertReviewEvent(tx, reviewer.id, target));
  });
}

/**
 * Puts the reviewer's review of the event's image back to the state their previous change in effect left, and
 * appends the `undo` event; inside the caller's transaction, which holds lockReviewer.
 */
export async function revertReviewEvent(
  tx: Queryable,
  reviewerId: string,
  target: { id: number; imageId: string },
): Promise<RecordedReview> {
  await tx.select({ id: images.id }).from(images).where(eq(images.id, target.imageId)).for("update");
  const restored = await findStateBefore(tx, reviewerId, target);
  await writeReviewState(tx, target.imageId, reviewerId, restored);
  await tx.insert(reviewEvents).values({
    imageId: target.imageId,
    reviewerId,
    action: "undo",
    undoesEventId: target.id,
    ...restored,
  });
  return { imageId: target.imageId, state: restored, ...(await refreshImageConsensus(tx, target.imageId)) };
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

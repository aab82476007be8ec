import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { reviewReasons, reviews, tags } from "@/lib/db/schema";
import { EMPTY_REVIEW_STATE, isEmptyReviewState, type ReviewState } from "./review-state";

/** The reviewer's current state for an image (empty when they have not touched it). */
export async function readReviewState(
  tx: Queryable,
  imageId: string,
  reviewerId: string,
): Promise<ReviewState> {
  const [row] = await tx
    .select({ id: reviews.id, decision: reviews.decision, score: reviews.score, note: reviews.note })
    .from(reviews)
    .where(and(eq(reviews.imageId, imageId), eq(reviews.reviewerId, reviewerId)));
  if (!row) return EMPTY_REVIEW_STATE;
  const reasons = await tx
    .select({ tagId: reviewReasons.tagId })
    .from(reviewReasons)
    .where(eq(reviewReasons.reviewId, row.id));
  return { decision: row.decision, score: row.score, note: row.note, tagIds: reasons.map((r) => r.tagId) };
}

/** Makes the reviews row (and its reasons) say `state`; an empty state removes the row. */
export async function writeReviewState(
  tx: Queryable,
  imageId: string,
  reviewerId: string,
  state: ReviewState,
): Promise<void> {
  if (isEmptyReviewState(state)) {
    await tx.delete(reviews).where(and(eq(reviews.imageId, imageId), eq(reviews.reviewerId, reviewerId)));
    return;
  }
  const values = { decision: state.decision, score: state.score, note: state.note };
  const [row] = await tx
    .insert(reviews)
    .values({ imageId, reviewerId, ...values })
    .onConflictDoUpdate({ target: [reviews.imageId, reviews.reviewerId], set: values })
    .returning({ id: reviews.id });
  if (!row) throw new Error("upsert returned no review row");
  await tx.delete(reviewReasons).where(eq(reviewReasons.reviewId, row.id));
  if (state.tagIds.length > 0) {
    // Through tags, so a reason deleted since an old event was written (undo restores old states) is dropped.
    await tx.execute(sql`insert into ${reviewReasons} (review_id, tag_id)
      select ${row.id}, ${tags.id} from ${tags} where ${inArray(tags.id, state.tagIds)}`);
  }
}

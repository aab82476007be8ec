import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { pipelined } from "@/lib/db/pipelined";
import { reviewReasons, reviews, tags } from "@/lib/db/schema";
import { EMPTY_REVIEW_STATE, isEmptyReviewState, isSameTagSet, type ReviewState } from "./review-state";

/** The reviewer's current state for an image (empty when they have not touched it): one statement. */
export async function readReviewState(
  tx: Queryable,
  imageId: string,
  reviewerId: string,
): Promise<ReviewState> {
  const [row] = await tx
    .select({
      decision: reviews.decision,
      score: reviews.score,
      note: reviews.note,
      tagIds: sql<string[]>`coalesce((select json_agg(${reviewReasons.tagId}) from ${reviewReasons}
        where ${reviewReasons.reviewId} = ${reviews.id}), '[]'::json)`,
    })
    .from(reviews)
    .where(and(eq(reviews.imageId, imageId), eq(reviews.reviewerId, reviewerId)));
  return row ?? EMPTY_REVIEW_STATE;
}

/**
 * Makes the reviews row (and its reasons) say `state`; an empty state removes the row (its reasons go with it).
 * Its statements are sent together (they find the row by image and reviewer, needing nothing back), so the caller
 * can pipeline what follows behind them; the reasons are rewritten only when they changed from `beforeTagIds`.
 */
export function writeReviewState(
  tx: Queryable,
  imageId: string,
  reviewerId: string,
  state: ReviewState,
  beforeTagIds: string[] | null = null,
): Promise<unknown> {
  const isTheRow = and(eq(reviews.imageId, imageId), eq(reviews.reviewerId, reviewerId));
  if (isEmptyReviewState(state)) return pipelined(tx.delete(reviews).where(isTheRow));
  const values = { decision: state.decision, score: state.score, note: state.note };
  const upsert = tx
    .insert(reviews)
    .values({ imageId, reviewerId, ...values })
    .onConflictDoUpdate({ target: [reviews.imageId, reviews.reviewerId], set: values });
  if (beforeTagIds && isSameTagSet(beforeTagIds, state.tagIds)) return pipelined(upsert);
  const reviewId = sql`(select ${reviews.id} from ${reviews} where ${isTheRow})`;
  const clearReasons = tx.delete(reviewReasons).where(eq(reviewReasons.reviewId, reviewId));
  if (state.tagIds.length === 0) return pipelined(upsert, clearReasons);
  return pipelined(
    upsert,
    clearReasons,
    tx.execute(sql`insert into ${reviewReasons} (review_id, tag_id)
      select ${reviewId}, ${tags.id} from ${tags} where ${inArray(tags.id, state.tagIds)}`),
  );
}

import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { reviewReasons, reviews } from "@/lib/db/schema";
import type { ReviewState } from "./review-state";

/** The reviewer's current state for each of `imageIds` that they have touched, keyed by image id. */
export async function listMyReviews(
  db: Queryable,
  reviewerId: string,
  imageIds: string[],
): Promise<Record<string, ReviewState>> {
  if (imageIds.length === 0) return {};
  const rows = await db
    .select({
      id: reviews.id,
      imageId: reviews.imageId,
      decision: reviews.decision,
      score: reviews.score,
      note: reviews.note,
    })
    .from(reviews)
    .where(and(eq(reviews.reviewerId, reviewerId), inArray(reviews.imageId, imageIds)));
  const reasons =
    rows.length > 0
      ? await db
          .select({ reviewId: reviewReasons.reviewId, tagId: reviewReasons.tagId })
          .from(reviewReasons)
          .where(
            inArray(
              reviewReasons.reviewId,
              rows.map((row) => row.id),
            ),
          )
      : [];
  return Object.fromEntries(
    rows.map((row) => [
      row.imageId,
      {
        decision: row.decision,
        score: row.score,
        note: row.note,
        tagIds: reasons.filter((reason) => reason.reviewId === row.id).map((reason) => reason.tagId),
      },
    ]),
  );
}

import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { images, reviews } from "@/db/schema";
import type { ReviewStatus } from "@/lib/images/image-enums";
import { findReviewRule } from "./find-review-rule";
import { deriveReviewStatus, type ReviewRule } from "./review-rule";

export type ImageConsensus = { reviewStatus: ReviewStatus; scoreAvg: number | null };

/** Re-derives an image's review_status and score_avg from its reviews; call inside the deciding transaction. */
export async function refreshImageConsensus(
  tx: Queryable,
  imageId: string,
  rule?: ReviewRule,
): Promise<ImageConsensus> {
  const [counts] = await tx
    .select({
      approves: sql<number>`count(*) filter (where ${reviews.decision} = 'approve')::int`,
      rejects: sql<number>`count(*) filter (where ${reviews.decision} = 'reject')::int`,
      skips: sql<number>`count(*) filter (where ${reviews.decision} = 'skip')::int`,
      scoreAvg: sql<number | null>`avg(${reviews.score})::real`,
    })
    .from(reviews)
    .where(eq(reviews.imageId, imageId));
  const reviewStatus = deriveReviewStatus(
    counts ?? { approves: 0, rejects: 0, skips: 0 },
    rule ?? (await findReviewRule(tx)),
  );
  const scoreAvg = counts?.scoreAvg ?? null;
  await tx.update(images).set({ reviewStatus, scoreAvg }).where(eq(images.id, imageId));
  return { reviewStatus, scoreAvg };
}

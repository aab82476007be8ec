import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { pipelined } from "@/lib/db/pipelined";
import { images, reviews } from "@/lib/db/schema";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import { findReviewRule } from "./find-review-rule";
import { deriveReviewStatus, type ReviewRule } from "./review-rule";

export type ImageConsensus = { reviewStatus: ReviewStatus; scoreAvg: number | null };

/**
 * Re-derives an image's review_status and score_avg from its reviews. Call it as the last step of the deciding
 * transaction, after the reviewer's own rows are written.
 *
 * Reviewers of one image write only rows of their own (their review, its reasons, their events and lease); what they
 * share is the consensus stored on the image row, and deriving it needs a count that includes every decision
 * committed before. Under READ COMMITTED two deciders counting at once each miss the other's uncommitted review,
 * and the later write would store a count without the earlier one (approve + reject → "approved", not
 * "conflicting"). Decisions used to prevent that by locking the image row first, so each decision's dozen
 * statements ran under it and every reviewer of that image (and the foreign-key checks of their inserts, which
 * FOR UPDATE also blocks) queued behind the whole transaction: seconds under load.
 *
 * Now only the derivation is serialised, at the end: a per-image advisory lock, then the count in a new statement
 * (a fresh snapshot, which sees every decision whose transaction committed before the lock was granted, since the
 * lock is held until commit), then the row update if the value changed. The last decision to commit has counted
 * all the others, so the stored value is right. The lock is held for one round trip (lock and count are sent
 * together), the update and the commit instead of the whole transaction, and it does not block the row's other
 * writers (it is not a row lock). The rule stays one TypeScript function (also used when an admin changes it);
 * review_status and score_avg stay columns because the gallery filters and sorts on them through indexes.
 */
export async function refreshImageConsensus(
  tx: Queryable,
  imageId: string,
  rule?: ReviewRule,
): Promise<ImageConsensus> {
  const consensusRule = rule ?? (await findReviewRule(tx));
  // Sent together (one connection pipelines them), run in order: the count starts once the lock is granted.
  const [, [counts]] = await pipelined(
    tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`review-consensus:${imageId}`}, 0))`),
    tx
      .select({
        approves: sql<number>`count(*) filter (where ${reviews.decision} = 'approve')::int`,
        rejects: sql<number>`count(*) filter (where ${reviews.decision} = 'reject')::int`,
        skips: sql<number>`count(*) filter (where ${reviews.decision} = 'skip')::int`,
        scoreAvg: sql<number | null>`avg(${reviews.score})::real`,
      })
      .from(reviews)
      .where(eq(reviews.imageId, imageId)),
  );
  const reviewStatus = deriveReviewStatus(counts ?? { approves: 0, rejects: 0, skips: 0 }, consensusRule);
  const scoreAvg = counts?.scoreAvg ?? null;
  await tx
    .update(images)
    .set({ reviewStatus, scoreAvg })
    .where(
      and(
        eq(images.id, imageId),
        sql`(${images.reviewStatus}, ${images.scoreAvg}) is distinct from (${reviewStatus}, ${scoreAvg}::real)`,
      ),
    );
  return { reviewStatus, scoreAvg };
}

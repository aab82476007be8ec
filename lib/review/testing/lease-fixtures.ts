import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { reviewLeases, reviewSettings } from "@/lib/db/schema";

/** The consensus rule asking `reviews` approves (or rejects) of each image. */
export async function setReviewRule(db: Database, reviews: number): Promise<void> {
  const rule = { approvalsRequired: reviews, rejectionsRequired: reviews };
  await db
    .insert(reviewSettings)
    .values({ id: 1, ...rule })
    .onConflictDoUpdate({ target: reviewSettings.id, set: rule });
}

/** Time passes for the reviewer: every lease they hold lapses (as LEASE_MINUTES without a decision would do). */
export async function expireLeases(db: Database, reviewerId: string): Promise<void> {
  await db
    .update(reviewLeases)
    .set({ expiresAt: sql`now() - interval '1 second'` })
    .where(eq(reviewLeases.reviewerId, reviewerId));
}

import "server-only";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { reviewSettings } from "@/lib/db/schema";
import { DEFAULT_REVIEW_RULE, type ReviewRule } from "./review-rule";

/** The configured consensus rule, or the default when no admin has set one. */
export async function findReviewRule(db: Queryable): Promise<ReviewRule> {
  const [row] = await db
    .select({
      approvalsRequired: reviewSettings.approvalsRequired,
      rejectionsRequired: reviewSettings.rejectionsRequired,
    })
    .from(reviewSettings)
    .where(eq(reviewSettings.id, 1));
  return row ?? DEFAULT_REVIEW_RULE;
}

import "server-only";
import { and, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { images, reviewSettings, reviews } from "@/lib/db/schema";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import { ok, type Result } from "@/lib/result";
import { lockReviewRule } from "./record-review";
import { deriveReviewStatus, type ReviewRule } from "./review-rule";

const required = z.coerce.number().int().min(1, "at least 1").max(20, "at most 20");
export const updateReviewRuleSchema = z.object({ approvalsRequired: required, rejectionsRequired: required });
export type UpdateReviewRuleInput = z.output<typeof updateReviewRuleSchema>;

const UPDATE_BATCH = 5000;

/** Saves the consensus rule and re-derives the status of every reviewed image under it, in one transaction. */
export async function updateReviewRule(
  db: Database,
  actor: { id: string },
  rule: UpdateReviewRuleInput,
): Promise<Result<ReviewRule & { changed: number }>> {
  return db.transaction(async (tx) => {
    // The counts below must include every decision committed before the new rule, and none may commit after them
    // with a status derived under the old one.
    await lockReviewRule(tx);
    await tx
      .insert(reviewSettings)
      .values({ id: 1, ...rule, updatedBy: actor.id })
      .onConflictDoUpdate({ target: reviewSettings.id, set: { ...rule, updatedBy: actor.id } });
    const counts = await tx
      .select({
        imageId: reviews.imageId,
        approves: sql<number>`count(*) filter (where ${reviews.decision} = 'approve')::int`,
        rejects: sql<number>`count(*) filter (where ${reviews.decision} = 'reject')::int`,
        skips: sql<number>`count(*) filter (where ${reviews.decision} = 'skip')::int`,
      })
      .from(reviews)
      .groupBy(reviews.imageId);
    const byStatus = new Map<ReviewStatus, string[]>();
    for (const row of counts) {
      const status = deriveReviewStatus(row, rule);
      byStatus.set(status, [...(byStatus.get(status) ?? []), row.imageId]);
    }
    let changed = 0;
    for (const [status, ids] of byStatus) {
      for (let start = 0; start < ids.length; start += UPDATE_BATCH) {
        const updated = await tx
          .update(images)
          .set({ reviewStatus: status })
          .where(
            and(inArray(images.id, ids.slice(start, start + UPDATE_BATCH)), ne(images.reviewStatus, status)),
          )
          .returning({ id: images.id });
        changed += updated.length;
      }
    }
    return ok({ ...rule, changed });
  });
}

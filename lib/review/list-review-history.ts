import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { bulkReviews, reviewEvents, tags, users } from "@/lib/db/schema";
import { describeBulkRule } from "@/lib/enums/bulk-rule";

export type ReviewHistoryEntry = {
  id: number;
  reviewer: string;
  action: string;
  decision: string | null;
  score: number | null;
  note: string | null;
  tags: string[];
  /** For a change made to many images at once: the rule that chose them, in words. */
  bulkRule: string | null;
  createdAt: string;
};

/** An image's review trail, newest first: who did what, when, and the state each change left. */
export async function listReviewHistory(
  db: Database,
  imageId: string,
  limit = 200,
): Promise<ReviewHistoryEntry[]> {
  const rows = await db
    .select({
      id: reviewEvents.id,
      email: users.email,
      name: users.name,
      action: reviewEvents.action,
      decision: reviewEvents.decision,
      score: reviewEvents.score,
      note: reviewEvents.note,
      tagIds: reviewEvents.tagIds,
      bulkRule: bulkReviews.rule,
      createdAt: reviewEvents.createdAt,
    })
    .from(reviewEvents)
    .innerJoin(users, eq(users.id, reviewEvents.reviewerId))
    .leftJoin(bulkReviews, eq(bulkReviews.id, reviewEvents.bulkReviewId))
    .where(eq(reviewEvents.imageId, imageId))
    .orderBy(desc(reviewEvents.id))
    .limit(limit);
  const tagIds = [...new Set(rows.flatMap((row) => row.tagIds))];
  const tagRows =
    tagIds.length > 0
      ? await db.select({ id: tags.id, name: tags.name }).from(tags).where(inArray(tags.id, tagIds))
      : [];
  const nameOf = new Map(tagRows.map((tag) => [tag.id, tag.name]));
  return rows.map((row) => ({
    id: row.id,
    reviewer: row.name ?? row.email,
    action: row.action,
    decision: row.decision,
    score: row.score,
    note: row.note,
    tags: row.tagIds.flatMap((id) => nameOf.get(id) ?? []),
    bulkRule: row.bulkRule ? describeBulkRule(row.bulkRule) : null,
    createdAt: row.createdAt.toISOString(),
  }));
}

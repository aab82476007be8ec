import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { images, reviews } from "@/lib/db/schema";
import { createTestContext } from "@/lib/testing/test-context";
import { findReviewRule } from "./find-review-rule";
import { recordReview } from "./record-review";
import { deriveReviewStatus } from "./review-rule";
import { insertTestImages, insertTestReviewer } from "./testing/review-fixtures";
import { undoLastReview } from "./undo-last-review";
import { updateReviewRule } from "./update-review-rule";

// A change of the consensus rule re-derives every reviewed image's status from the reviews it reads; a decision
// made while it runs must not be overwritten by a status derived from the reviews before it (which cleanup would
// then act on), nor be derived under the rule the change replaced.
const { db } = await createTestContext();
const ROUNDS = 15;

/** Images whose stored status is not what their reviews say under the rule now in force. */
async function staleStatuses(ids: string[]): Promise<string[]> {
  const rule = await findReviewRule(db);
  const stale: string[] = [];
  for (const id of ids) {
    const [counts] = await db
      .select({
        approves: sql<number>`count(*) filter (where ${reviews.decision} = 'approve')::int`,
        rejects: sql<number>`count(*) filter (where ${reviews.decision} = 'reject')::int`,
        skips: sql<number>`count(*) filter (where ${reviews.decision} = 'skip')::int`,
      })
      .from(reviews)
      .where(eq(reviews.imageId, id));
    const [row] = await db.select({ status: images.reviewStatus }).from(images).where(eq(images.id, id));
    const expected = deriveReviewStatus(counts ?? { approves: 0, rejects: 0, skips: 0 }, rule);
    if (row?.status !== expected) stale.push(`${row?.status} where the reviews say ${expected}`);
  }
  return stale;
}

describe("the consensus rule under races", () => {
  it("keeps every status true to its reviews when decisions land during a rule change", async () => {
    const admin = await insertTestReviewer(db);
    // Reviewed images the rule change walks through, so it takes long enough for decisions to land in it.
    const background = await insertTestImages(db, 300);
    const filler = await insertTestReviewer(db);
    await db
      .insert(reviews)
      .values(background.map((imageId) => ({ imageId, reviewerId: filler.id, decision: "skip" as const })));
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
      const ids = await insertTestImages(db, 3);
      for (const imageId of ids)
        await recordReview(db, alice, { action: "decide", imageId, decision: "reject" });
      const rule =
        round % 2 === 0
          ? { approvalsRequired: 2, rejectionsRequired: 1 }
          : { approvalsRequired: 1, rejectionsRequired: 2 };
      await Promise.all([
        updateReviewRule(db, admin, rule),
        ...ids.map((imageId) => recordReview(db, bob, { action: "decide", imageId, decision: "approve" })),
        undoLastReview(db, alice),
      ]);
      const stale = await staleStatuses(ids);
      if (stale.length > 0) failures.push(`round ${round}: ${stale.join(", ")}`);
    }
    expect(failures).toEqual([]);
  });
});

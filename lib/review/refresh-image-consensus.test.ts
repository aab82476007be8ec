import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { images, reviews } from "@/lib/db/schema";
import { createTestContext } from "@/lib/testing/test-context";
import { recordReview } from "./record-review";
import { deriveReviewStatus } from "./review-rule";
import { setReviewRule } from "./testing/lease-fixtures";
import { insertTestImage, insertTestReviewer } from "./testing/review-fixtures";
import { undoLastReview } from "./undo-last-review";

const { db } = await createTestContext();
const ITERATIONS = 25;

/** What the image row says, and what its reviews add up to under the rule (one statement: one snapshot). */
async function storedAndDerived(imageId: string, rule: number) {
  const [row] = await db.execute<{
    status: string;
    score: number | null;
    approves: number;
    rejects: number;
    skips: number;
    mean: number | null;
  }>(sql`select ${images.reviewStatus} as status, ${images.scoreAvg} as score,
      (select count(*) filter (where decision = 'approve') from ${reviews} where image_id = ${imageId})::int as approves,
      (select count(*) filter (where decision = 'reject') from ${reviews} where image_id = ${imageId})::int as rejects,
      (select count(*) filter (where decision = 'skip') from ${reviews} where image_id = ${imageId})::int as skips,
      (select avg(score)::real from ${reviews} where image_id = ${imageId}) as mean
    from ${images} where ${images.id} = ${imageId}`);
  if (!row) throw new Error("no image row");
  const derived = deriveReviewStatus(row, { approvalsRequired: rule, rejectionsRequired: rule });
  return { stored: { status: row.status, score: row.score }, derived: { status: derived, score: row.mean } };
}

describe("consensus under concurrent decisions on one image", () => {
  it("stores what all the decisions add up to, however they interleave (decisions, scores, undos)", async () => {
    const team = await Promise.all(Array.from({ length: 6 }, () => insertTestReviewer(db)));
    const decisions = ["approve", "reject", "skip"] as const;
    for (const rule of [1, 2]) {
      await setReviewRule(db, rule);
      for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
        const imageId = await insertTestImage(db);
        await Promise.all(
          team.map(async (reviewer, index) => {
            // Mostly approves with one reject in a few iterations, so "conflicting" depends on every count.
            const decision = index === iteration % 7 ? "reject" : decisions[(index * iteration) % 2];
            const decided = await recordReview(db, reviewer, {
              action: "decide",
              imageId,
              decision: decision ?? "approve",
            });
            expect(decided.ok).toBe(true);
            await recordReview(db, reviewer, {
              action: "score",
              imageId,
              score: 1 + ((index + iteration) % 5),
            });
            if ((index + iteration) % 3 === 0) expect((await undoLastReview(db, reviewer)).ok).toBe(true);
          }),
        );
        const { stored, derived } = await storedAndDerived(imageId, rule);
        expect(stored, `rule ${rule}, iteration ${iteration}`).toEqual(derived);
      }
    }
    await setReviewRule(db, 1);
  });

  it("leaves the image row alone when a change does not move the consensus", async () => {
    await setReviewRule(db, 2);
    const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
    const imageId = await insertTestImage(db);
    const version = async () =>
      (await db.select({ xmin: sql<string>`xmin::text` }).from(images).where(eq(images.id, imageId)))[0]
        ?.xmin;
    const untouched = await version();
    await recordReview(db, alice, { action: "decide", imageId, decision: "approve" });
    expect(await version()).toBe(untouched);
    await recordReview(db, bob, { action: "decide", imageId, decision: "approve" });
    expect(await version()).not.toBe(untouched);
    await setReviewRule(db, 1);
  });
});

import { randomBytes } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reviewLeases } from "@/lib/db/schema";
import { parseImageSelection } from "@/lib/images/selection/image-filter";
import { createTestContext } from "@/lib/testing/test-context";
import { claimReviewLeases } from "./claim-review-leases";
import { recordReview } from "./record-review";
import { expireLeases } from "./testing/lease-fixtures";
import { insertTestImages, insertTestReviewer } from "./testing/review-fixtures";
import { undoLastReview } from "./undo-last-review";

const { db } = await createTestContext();

async function freshView(count: number) {
  const model = `settle-${randomBytes(5).toString("hex")}`;
  return { ids: await insertTestImages(db, count, { model }), selection: parseImageSelection({ model }) };
}

/** Who holds a live lease on the image. */
async function holders(imageId: string): Promise<string[]> {
  const rows = await db
    .select({ reviewerId: reviewLeases.reviewerId })
    .from(reviewLeases)
    .where(and(eq(reviewLeases.imageId, imageId), gt(reviewLeases.expiresAt, sql`now()`)));
  return rows.map((row) => row.reviewerId);
}

const decide = (reviewer: { id: string }, imageId: string, decision: "approve" | "reject" | "skip") =>
  recordReview(db, reviewer, { action: "decide", imageId, decision });

describe("leases and decisions, skips and undo", () => {
  it("ends the lease with the decision, and gives the image back on undo, also after the other leases lapsed", async () => {
    const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
    const { selection } = await freshView(2);
    const [first = "", second = ""] = await claimReviewLeases(db, {
      selection,
      reviewerId: alice.id,
      want: 2,
    });
    await decide(alice, first, "approve");
    expect(await holders(first)).toEqual([]);
    // Alice walks away; Bob is handed what she still held, not what she decided.
    await expireLeases(db, alice.id);
    expect(await claimReviewLeases(db, { selection, reviewerId: bob.id, want: 2 })).toEqual([second]);
    // She comes back and undoes her approve: the image is hers again (the rule has its one place free), not Bob's.
    const undone = await undoLastReview(db, alice);
    expect(undone.ok && undone.value).toMatchObject({ imageId: first, state: { decision: null } });
    expect(await holders(first)).toEqual([alice.id]);
    expect(await claimReviewLeases(db, { selection, reviewerId: bob.id, want: 2 })).toEqual([]);
    await decide(alice, first, "reject");
    expect(await holders(first)).toEqual([]);
  });

  it("does not give an image back on undo when its place went to someone else meanwhile", async () => {
    const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
    const { ids, selection } = await freshView(1);
    const [imageId = ""] = ids;
    await claimReviewLeases(db, { selection, reviewerId: alice.id, want: 1 });
    await decide(alice, imageId, "skip");
    expect(await claimReviewLeases(db, { selection, reviewerId: bob.id, want: 1 })).toEqual([imageId]);
    const undone = await undoLastReview(db, alice);
    expect(undone.ok && undone.value).toMatchObject({ imageId, state: { decision: null } });
    expect(await holders(imageId)).toEqual([bob.id]);
  });

  it("lets a reviewer whose lease lapsed decide (nothing is lost) and undo it without taking the image back", async () => {
    const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
    const { ids, selection } = await freshView(1);
    const [imageId = ""] = ids;
    await claimReviewLeases(db, { selection, reviewerId: alice.id, want: 1 });
    await expireLeases(db, alice.id);
    expect(await claimReviewLeases(db, { selection, reviewerId: bob.id, want: 1 })).toEqual([imageId]);
    const late = await decide(alice, imageId, "approve");
    expect(late.ok && late.value.reviewStatus).toBe("approved");
    expect((await undoLastReview(db, alice)).ok).toBe(true);
    expect(await holders(imageId)).toEqual([bob.id]);
  });

  it("races an undo against claims for the image it frees: one holder, never two", async () => {
    const team = await Promise.all(Array.from({ length: 4 }, () => insertTestReviewer(db)));
    const [alice] = team;
    if (!alice) throw new Error("no reviewer");
    for (let iteration = 0; iteration < 20; iteration += 1) {
      const { ids, selection } = await freshView(1);
      const [imageId = ""] = ids;
      await claimReviewLeases(db, { selection, reviewerId: alice.id, want: 1 });
      await decide(alice, imageId, iteration % 2 ? "skip" : "approve");
      await Promise.all([
        undoLastReview(db, alice),
        ...team
          .slice(1)
          .map((reviewer) => claimReviewLeases(db, { selection, reviewerId: reviewer.id, want: 1 })),
      ]);
      expect((await holders(imageId)).length, `iteration ${iteration}`).toBe(1);
    }
  });
});

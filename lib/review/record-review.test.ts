import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { images, reviewEvents } from "@/lib/db/schema";
import { saveTag } from "@/lib/tags/save-tag";
import { createTestContext } from "@/lib/testing/test-context";
import { recordReview, recordReviewSchema } from "./record-review";
import { insertTestImage, insertTestReviewer } from "./testing/review-fixtures";
import { undoLastReview } from "./undo-last-review";
import { updateReviewRule } from "./update-review-rule";

const { db } = await createTestContext();

async function statusOf(imageId: string) {
  const [row] = await db
    .select({ status: images.reviewStatus, score: images.scoreAvg })
    .from(images)
    .where(eq(images.id, imageId));
  return row;
}

const decide = (reviewer: { id: string }, imageId: string, decision: "approve" | "reject" | "skip") =>
  recordReview(db, reviewer, { action: "decide", imageId, decision });

describe("recordReview and the consensus rule", () => {
  it("derives approved, rejected, skipped and conflicting from the reviewers' decisions", async () => {
    const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
    const [approved, rejected, skipped, conflicting] = await Promise.all([
      insertTestImage(db),
      insertTestImage(db),
      insertTestImage(db),
      insertTestImage(db),
    ]);
    await decide(alice, approved, "approve");
    await decide(bob, approved, "skip");
    await decide(alice, rejected, "reject");
    await decide(alice, skipped, "skip");
    await decide(bob, skipped, "skip");
    await decide(alice, conflicting, "approve");
    const last = await decide(bob, conflicting, "reject");
    expect(last.ok && last.value.reviewStatus).toBe("conflicting");
    expect((await statusOf(approved))?.status).toBe("approved");
    expect((await statusOf(rejected))?.status).toBe("rejected");
    expect((await statusOf(skipped))?.status).toBe("skipped");
    expect((await statusOf(conflicting))?.status).toBe("conflicting");
  });

  it("keeps score_avg as the mean of the reviewers' scores", async () => {
    const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
    const imageId = await insertTestImage(db);
    await recordReview(db, alice, { action: "score", imageId: imageId, score: 5 });
    await recordReview(db, bob, { action: "score", imageId: imageId, score: 2 });
    expect((await statusOf(imageId))?.score).toBe(3.5);
    await recordReview(db, bob, { action: "score", imageId: imageId, score: null });
    expect((await statusOf(imageId))?.score).toBe(5);
  });

  it("appends one event per change and none for a change that changes nothing", async () => {
    const alice = await insertTestReviewer(db);
    const imageId = await insertTestImage(db);
    await decide(alice, imageId, "approve");
    await decide(alice, imageId, "approve");
    const note = recordReviewSchema.parse({ action: "note", imageId, note: "  crisp hands  " });
    await recordReview(db, alice, note);
    const events = await db.select().from(reviewEvents).where(eq(reviewEvents.imageId, imageId));
    expect(events.map((event) => [event.action, event.decision, event.note])).toEqual([
      ["decide", "approve", null],
      ["note", "approve", "crisp hands"],
    ]);
  });

  it("refuses unknown tags and deleted images", async () => {
    const alice = await insertTestReviewer(db);
    const imageId = await insertTestImage(db);
    const unknownTag = await recordReview(db, alice, {
      action: "tag",
      imageId: imageId,
      tagIds: ["00000000-0000-4000-8000-000000000000"],
    });
    expect(!unknownTag.ok && unknownTag.error.code).toBe("invalid_request");
    await db.update(images).set({ deletedAt: new Date() }).where(eq(images.id, imageId));
    const deleted = await decide(alice, imageId, "approve");
    expect(!deleted.ok && deleted.error.code).toBe("not_found");
  });

  it("applies an admin's rule: approved needs two approves, and a rule change re-derives old images", async () => {
    const admin = await insertTestReviewer(db);
    const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
    const imageId = await insertTestImage(db);
    await decide(alice, imageId, "approve");
    expect((await statusOf(imageId))?.status).toBe("approved");
    const saved = await updateReviewRule(db, admin, { approvalsRequired: 2, rejectionsRequired: 1 });
    expect(saved.ok && saved.value.changed).toBeGreaterThanOrEqual(1);
    expect((await statusOf(imageId))?.status).toBe("unreviewed");
    await decide(bob, imageId, "approve");
    expect((await statusOf(imageId))?.status).toBe("approved");
    await updateReviewRule(db, admin, { approvalsRequired: 1, rejectionsRequired: 1 });
  });
});

describe("undoLastReview", () => {
  it("walks back the reviewer's own changes, across images, restoring reasons and status", async () => {
    const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
    const [first, second] = await Promise.all([insertTestImage(db), insertTestImage(db)]);
    const tag = await saveTag(db, {
      name: `blurry-${first}`,
      kind: "reject_reason",
      color: null,
      hotkey: null,
    });
    if (!tag.ok) throw new Error(tag.error.message);
    await decide(alice, first, "approve");
    await recordReview(db, alice, { action: "score", imageId: first, score: 4 });
    await decide(alice, second, "reject");
    await recordReview(db, alice, { action: "tag", imageId: second, tagIds: [tag.value.id] });
    await decide(bob, second, "approve");
    expect((await statusOf(second))?.status).toBe("conflicting");

    const one = await undoLastReview(db, alice);
    expect(one.ok && one.value).toMatchObject({ imageId: second, state: { decision: "reject", tagIds: [] } });
    const two = await undoLastReview(db, alice);
    expect(two.ok && two.value).toMatchObject({
      imageId: second,
      state: { decision: null },
      reviewStatus: "approved",
    });
    const three = await undoLastReview(db, alice);
    expect(three.ok && three.value).toMatchObject({
      imageId: first,
      state: { decision: "approve", score: null },
    });
    await recordReview(db, alice, { action: "score", imageId: first, score: 2 });
    const four = await undoLastReview(db, alice);
    expect(four.ok && four.value.state).toMatchObject({ decision: "approve", score: null });
    const five = await undoLastReview(db, alice);
    expect(five.ok && five.value).toMatchObject({
      imageId: first,
      state: { decision: null },
      reviewStatus: "unreviewed",
    });
    const none = await undoLastReview(db, alice);
    expect(!none.ok && none.error.code).toBe("not_found");
    const trail = await db.select().from(reviewEvents).where(eq(reviewEvents.reviewerId, alice.id));
    expect(trail.filter((event) => event.action === "undo")).toHaveLength(5);
  });
});

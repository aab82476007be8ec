import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { recordCritiques } from "@/lib/critics/record-critiques";
import { saveCriticThreshold } from "@/lib/critics/save-critic-threshold";
import { bulkReviews, images, reviewEvents } from "@/lib/db/schema";
import { createTestContext } from "@/lib/testing/test-context";
import { previewBulkReview } from "./preview-bulk-review";
import { recordBulkReview } from "./record-bulk-review";
import { recordReview } from "./record-review";
import { insertTestImages, insertTestReviewer } from "./testing/review-fixtures";
import { undoBulkReview } from "./undo-bulk-review";

const { db } = await createTestContext();

const model = () => `bulk-${randomBytes(4).toString("hex")}`;

async function statuses(ids: string[]) {
  const rows = await db
    .select({ id: images.id, status: images.reviewStatus })
    .from(images)
    .where(inArray(images.id, ids));
  return Object.fromEntries(rows.map((row) => [row.id, row.status]));
}

const counts = (byId: Record<string, string>) =>
  Object.values(byId).reduce<Record<string, number>>((all, status) => {
    all[status] = (all[status] ?? 0) + 1;
    return all;
  }, {});

describe("bulk review changes", () => {
  it("decides every image of a view (more than one batch), not only a loaded page, with the rule recorded", async () => {
    const reviewer = await insertTestReviewer(db);
    const name = model();
    const ids = await insertTestImages(db, 101, { model: name });
    const view = `model=${name}`;
    const preview = await previewBulkReview(db, reviewer, { kind: "view", view });
    expect(preview).toEqual({ ok: true, value: { count: 101, isOverLimit: false, limit: 2000 } });
    const done = await recordBulkReview(db, reviewer, {
      target: { kind: "view", view },
      change: { action: "decide", decision: "approve" },
      expectedCount: 101,
    });
    if (!done.ok) throw new Error(done.error.message);
    expect(Object.keys(done.value.statuses)).toHaveLength(101);
    expect(counts(await statuses(ids))).toEqual({ approved: 101 });
    const [bulk] = await db.select().from(bulkReviews).where(eq(bulkReviews.id, done.value.bulkReviewId));
    expect(bulk?.rule).toEqual({ kind: "view", view });
    expect(bulk?.imageCount).toBe(101);
    const events = await db
      .select({ id: reviewEvents.id })
      .from(reviewEvents)
      .where(eq(reviewEvents.bulkReviewId, done.value.bulkReviewId));
    expect(events).toHaveLength(101);
  });

  it("refuses a whole-view change when the view no longer holds the count that was confirmed", async () => {
    const reviewer = await insertTestReviewer(db);
    const name = model();
    const ids = await insertTestImages(db, 5, { model: name });
    await insertTestImages(db, 1, { model: name });
    const refused = await recordBulkReview(db, reviewer, {
      target: { kind: "view", view: `model=${name}` },
      change: { action: "decide", decision: "reject" },
      expectedCount: 5,
    });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: "conflict",
        message: "The view changed: 6 images match now, not 5. Look again and confirm.",
        details: { count: 6 },
      },
    });
    expect(counts(await statuses(ids))).toEqual({ unreviewed: 5 });
  });

  it("undoes a bulk change in one step, keeping images the reviewer changed since", async () => {
    const reviewer = await insertTestReviewer(db);
    const name = model();
    const ids = await insertTestImages(db, 4, { model: name });
    const [first = "", second = ""] = ids;
    await recordReview(db, reviewer, { action: "decide", imageId: first, decision: "reject" });
    const done = await recordBulkReview(db, reviewer, {
      target: { kind: "view", view: `model=${name}` },
      change: { action: "decide", decision: "approve" },
      expectedCount: 4,
    });
    if (!done.ok) throw new Error(done.error.message);
    await recordReview(db, reviewer, { action: "decide", imageId: second, decision: "skip" });
    const undone = await undoBulkReview(db, reviewer, { bulkReviewId: done.value.bulkReviewId });
    expect(undone.ok && { undone: undone.value.undone, kept: undone.value.kept }).toEqual({
      undone: 3,
      kept: 1,
    });
    const after = await statuses(ids);
    // The first image is back to its earlier rejection, the second keeps the later skip, the rest are open again.
    expect(after[first]).toBe("rejected");
    expect(after[second]).toBe("skipped");
    expect(counts(after)).toEqual({ rejected: 1, skipped: 1, unreviewed: 2 });
    // Twice is harmless; another reviewer cannot undo it.
    const again = await undoBulkReview(db, reviewer, { bulkReviewId: done.value.bulkReviewId });
    expect(again.ok && again.value.undone).toBe(0);
    const stranger = await insertTestReviewer(db);
    const refused = await undoBulkReview(db, stranger, { bulkReviewId: done.value.bulkReviewId });
    expect(refused.ok || refused.error.code).toBe("not_found");
  });

  it("the critics' rule decides only undecided images every critic approves above its threshold", async () => {
    const reviewer = await insertTestReviewer(db);
    const name = model();
    const critic = `sharp-${randomBytes(3).toString("hex")}`;
    const other = `aesthetic-${randomBytes(3).toString("hex")}`;
    const [agreed = "", split = "", low = "", decided = "", unscored = ""] = await insertTestImages(db, 5, {
      model: name,
    });
    const critique = (imageId: string, who: string, score: number) => ({
      imageId,
      critic: who,
      critic_version: "1",
      score,
      scale: "0-1" as const,
      reasons: [],
      raw: {},
    });
    await recordCritiques(db, null, [
      critique(agreed, critic, 0.9),
      critique(agreed, other, 0.8),
      critique(split, critic, 0.9),
      critique(split, other, 0.2),
      critique(low, critic, 0.65),
      critique(decided, critic, 0.95),
    ]);
    // A stricter threshold for one critic: 0.65 no longer approves.
    await saveCriticThreshold(db, reviewer, { critic, approveThreshold: 0.7 });
    await recordReview(db, reviewer, { action: "decide", imageId: decided, decision: "reject" });
    const target = { kind: "critics" as const, view: `model=${name}`, verdict: "approve" as const };
    expect(await previewBulkReview(db, reviewer, target)).toMatchObject({ ok: true, value: { count: 1 } });
    const done = await recordBulkReview(db, reviewer, {
      target,
      change: { action: "decide", decision: "approve" },
      expectedCount: 1,
    });
    if (!done.ok) throw new Error(done.error.message);
    expect(await statuses([agreed, split, low, decided, unscored])).toEqual({
      [agreed]: "approved",
      [split]: "unreviewed",
      [low]: "unreviewed",
      [decided]: "rejected",
      [unscored]: "unreviewed",
    });
    const [bulk] = await db.select().from(bulkReviews).where(eq(bulkReviews.id, done.value.bulkReviewId));
    expect(bulk?.rule).toEqual({ kind: "critics", view: `model=${name}`, critic: null });
    // One critic alone: the split image is what that critic approves too.
    const alone = await previewBulkReview(db, reviewer, { ...target, critic });
    expect(alone.ok && alone.value.count).toBe(1);
  });

  it("keeps one image of a near-duplicate group and rejects the rest, saying which was kept", async () => {
    const reviewer = await insertTestReviewer(db);
    const [kept = "", ...rest] = await insertTestImages(db, 3, { model: model() });
    const done = await recordBulkReview(db, reviewer, {
      target: { kind: "duplicates", keep: kept, imageIds: [kept, ...rest] },
      change: { action: "decide", decision: "reject" },
    });
    if (!done.ok) throw new Error(done.error.message);
    expect(await statuses([kept, ...rest])).toEqual({
      [kept]: "unreviewed",
      ...Object.fromEntries(rest.map((id) => [id, "rejected"])),
    });
    const [bulk] = await db.select().from(bulkReviews).where(eq(bulkReviews.id, done.value.bulkReviewId));
    expect(bulk?.rule).toEqual({ kind: "duplicates", kept });
  });

  it("a double-submitted change and a double-clicked undo each act once, every time", async () => {
    for (let round = 0; round < 5; round += 1) {
      const reviewer = await insertTestReviewer(db);
      const name = model();
      const ids = await insertTestImages(db, 12, { model: name });
      const input = {
        target: { kind: "view" as const, view: `model=${name}` },
        change: { action: "decide" as const, decision: "reject" as const },
        expectedCount: 12,
      };
      const [first, second] = await Promise.all([
        recordBulkReview(db, reviewer, input),
        recordBulkReview(db, reviewer, input),
      ]);
      if (!first.ok || !second.ok) throw new Error("a bulk change failed");
      const events = await db
        .select({ imageId: reviewEvents.imageId })
        .from(reviewEvents)
        .where(inArray(reviewEvents.imageId, ids));
      expect(events).toHaveLength(12);
      const undone = await Promise.all(
        [first, second, first].map((done) =>
          undoBulkReview(db, reviewer, { bulkReviewId: done.value.bulkReviewId }),
        ),
      );
      expect(undone.reduce((sum, result) => sum + (result.ok ? result.value.undone : 0), 0)).toBe(12);
      expect(counts(await statuses(ids))).toEqual({ unreviewed: 12 });
    }
  });

  it("the critics' rule only decides what the critics say", async () => {
    const { bulkReviewSchema } = await import("./record-bulk-review");
    const parsed = bulkReviewSchema.safeParse({
      target: { kind: "critics", view: "", verdict: "approve" },
      change: { action: "decide", decision: "reject" },
      expectedCount: 3,
    });
    expect(parsed.success).toBe(false);
  });
});

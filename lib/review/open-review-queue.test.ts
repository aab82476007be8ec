import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseImageSelection } from "@/lib/images/selection/image-filter";
import { createTestContext } from "@/lib/testing/test-context";
import { LEASE_CURSOR, loadReviewQueue } from "./load-review-queue";
import { openReviewQueue, type ReviewQueue } from "./open-review-queue";
import { recordReview } from "./record-review";
import { LEASE_BATCH } from "./review-leases";
import { expireLeases } from "./testing/lease-fixtures";
import { insertTestImages, insertTestReviewer } from "./testing/review-fixtures";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage };
const { db } = context;

/** `count` images of a model of their own, a second apart (so "oldest" is their insertion order). */
async function freshModel(count: number) {
  const model = `queue-${randomBytes(5).toString("hex")}`;
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const [id = ""] = await insertTestImages(db, 1, {
      model,
      createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, index)),
    });
    ids.push(id);
  }
  return { model, ids };
}

async function open(reviewerId: string, params: Record<string, string>, at?: string): Promise<ReviewQueue> {
  const queue = await openReviewQueue(deps, { query: parseImageSelection(params), reviewerId, at });
  if (!queue.ok) throw new Error(queue.error.message);
  return queue.value;
}
const idsOf = (queue: ReviewQueue) => [...queue.before.items, ...queue.after.items].map((item) => item.id);
const current = (queue: ReviewQueue) => queue.after.items[0]?.id;

describe("openReviewQueue on a leased view", () => {
  it("hands two reviewers of one view different images, and each the same ones again when they come back", async () => {
    const { model, ids } = await freshModel(LEASE_BATCH * 2 + 3);
    const view = { model, sort: "oldest" };
    const [alice, bob, carol] = await Promise.all([1, 2, 3].map(() => insertTestReviewer(db)));
    if (!alice || !bob || !carol) throw new Error("no reviewers");
    const [hers, his] = await Promise.all([open(alice.id, view), open(bob.id, view)]);
    expect(idsOf(hers)).toHaveLength(LEASE_BATCH);
    expect(idsOf(his)).toHaveLength(LEASE_BATCH);
    expect(idsOf(hers).filter((id) => idsOf(his).includes(id))).toEqual([]);
    // Each batch in the view's order; the third reviewer gets the rest.
    expect(idsOf(hers)).toEqual(ids.filter((id) => idsOf(hers).includes(id)));
    expect(idsOf(await open(carol.id, view))).toEqual(ids.slice(LEASE_BATCH * 2));
    expect(idsOf(await open(alice.id, view))).toEqual(idsOf(hers));
    expect(hers.team).toEqual({ count: 0, capped: false });
    expect(hers.total.count).toBe(ids.length);
  });

  it("opens after the reviewer's last decisions, at `at` when it is theirs, at the start when nothing is left", async () => {
    const { model, ids } = await freshModel(4);
    const view = { model, sort: "oldest" };
    const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
    const first = await open(alice.id, view);
    expect(first.before.items).toEqual([]);
    expect(idsOf(first)).toEqual(ids);
    const [a = "", b = "", c = "", d = ""] = ids;
    await recordReview(db, alice, { action: "decide", imageId: b, decision: "approve" });
    await recordReview(db, alice, { action: "decide", imageId: a, decision: "reject" });
    const back = await open(alice.id, view);
    expect(back.before.items.map((item) => item.id)).toEqual([b, a]);
    expect(back.after.items.map((item) => item.id)).toEqual([c, d]);
    expect(back.after.reviews[a]?.decision).toBe("reject");
    expect(back.team).toEqual({ count: 2, capped: false });
    expect(current(await open(alice.id, view, a))).toBe(a);
    expect(current(await open(bob.id, view, c))).toBeUndefined();
    await recordReview(db, alice, { action: "decide", imageId: c, decision: "skip" });
    await recordReview(db, alice, { action: "decide", imageId: d, decision: "approve" });
    const done = await open(alice.id, view);
    expect(done.before.items).toEqual([]);
    expect(done.after.items.map((item) => item.id)).toEqual([b, a, c, d]);
    // The skipped image waits for someone else.
    expect(idsOf(await open(bob.id, view))).toEqual([c]);
  });

  it("hands out more as the reviewer nears the end, and the team's progress with each batch", async () => {
    const { model, ids } = await freshModel(LEASE_BATCH + 3);
    const query = parseImageSelection({ model, sort: "oldest" });
    const alice = await insertTestReviewer(db);
    const opened = await open(alice.id, { model, sort: "oldest" });
    expect(opened.after.cursor).toBe(LEASE_CURSOR);
    await recordReview(db, alice, { action: "decide", imageId: ids[0] ?? "", decision: "approve" });
    const more = await loadReviewQueue(deps, {
      query,
      reviewerId: alice.id,
      cursor: LEASE_CURSOR,
      direction: "after",
    });
    expect(more.ok && more.value).toMatchObject({ cursor: LEASE_CURSOR, team: { count: 1, capped: false } });
    expect(more.ok && more.value.items.map((item) => item.id)).toEqual(ids.slice(LEASE_BATCH));
    const back = await loadReviewQueue(deps, {
      query,
      reviewerId: alice.id,
      cursor: "x",
      direction: "before",
    });
    expect(back.ok && back.value).toEqual({ items: [], reviews: {}, cursor: null });
  });

  it("after the reviewer's leases lapsed and went to someone else, hands them new images", async () => {
    const { model, ids } = await freshModel(LEASE_BATCH + 2);
    const view = { model, sort: "oldest" };
    const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
    const hers = idsOf(await open(alice.id, view));
    await expireLeases(db, alice.id);
    expect(idsOf(await open(bob.id, view))).toEqual(hers);
    expect(idsOf(await open(alice.id, view))).toEqual(ids.slice(LEASE_BATCH));
  });
});

describe("openReviewQueue with filters", () => {
  it("shares out only the filtered images, and walks a view of settled images whole for everyone", async () => {
    const { model, ids } = await freshModel(3);
    const other = await freshModel(2);
    const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
    expect(idsOf(await open(alice.id, { model, sort: "oldest", status: "unreviewed_me" }))).toEqual(ids);
    expect(idsOf(await open(bob.id, { model, sort: "oldest" }))).toEqual([]);
    expect(idsOf(await open(bob.id, { model: other.model, sort: "oldest" }))).toEqual(other.ids);
    for (const imageId of ids)
      await recordReview(db, alice, { action: "decide", imageId, decision: "approve" });
    // An audit of approved images: not leased, both see all of it, in order, with no team line.
    for (const reviewer of [alice, bob]) {
      const audit = await open(reviewer.id, { model, sort: "oldest", status: "approved" });
      expect(idsOf(audit)).toEqual(ids);
      expect(audit.team).toBeNull();
    }
  });
});

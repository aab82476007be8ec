import { randomBytes } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reviewLeases, reviews } from "@/lib/db/schema";
import { parseImageSelection } from "@/lib/images/selection/image-filter";
import { createTestContext } from "@/lib/testing/test-context";
import { claimReviewLeases } from "./claim-review-leases";
import { recordReview } from "./record-review";
import { expireLeases, setReviewRule } from "./testing/lease-fixtures";
import { insertTestImages, insertTestReviewer } from "./testing/review-fixtures";

const { db } = await createTestContext();
const ITERATIONS = 15;

/** A fresh view of `count` images (its own model), so each case and iteration has images of its own. */
async function freshView(count: number) {
  const model = `lease-${randomBytes(5).toString("hex")}`;
  const ids = await insertTestImages(db, count, { model });
  return { ids, selection: parseImageSelection({ model }) };
}

/** Each image's live leases plus its approves and rejects (one statement: one snapshot), as the claims count them. */
async function placesTaken(ids: string[]): Promise<number[]> {
  const rows = await db.execute<{ taken: number }>(sql`select
      (select count(*) from ${reviewLeases} where ${reviewLeases.imageId} = image.id
        and ${reviewLeases.expiresAt} > now())::int
      + (select count(*) from ${reviews} where ${reviews.imageId} = image.id
        and ${reviews.decision} in ('approve', 'reject'))::int as taken
    from unnest(${`{${ids.join(",")}}`}::uuid[]) with ordinality as image(id, n) order by n`);
  return rows.map((row) => row.taken);
}

describe("claimReviewLeases", () => {
  it("never hands one image to more reviewers than the rule asks, and to exactly that many, under concurrent claims", async () => {
    const team = await Promise.all(Array.from({ length: 8 }, () => insertTestReviewer(db)));
    for (const wanted of [1, 2, 3]) {
      await setReviewRule(db, wanted);
      for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
        const { ids, selection } = await freshView(12);
        let handedOut = 0;
        // Everyone asks at once, again and again, until nobody is handed anything new.
        for (let round = 0; round < 10; round += 1) {
          const batches = await Promise.all(
            team.map((reviewer) => claimReviewLeases(db, { selection, reviewerId: reviewer.id, want: 5 })),
          );
          const claimed = batches.flat().length;
          handedOut += claimed;
          if (claimed === 0) break;
        }
        expect(await placesTaken(ids), `rule ${wanted}, iteration ${iteration}`).toEqual(
          ids.map(() => wanted),
        );
        expect(handedOut).toBe(ids.length * wanted);
      }
    }
    await setReviewRule(db, 1);
  });

  it("keeps to the rule while reviewers decide, skip and ask for more at the same time", async () => {
    const team = await Promise.all(Array.from({ length: 6 }, () => insertTestReviewer(db)));
    const decisions = ["approve", "reject", "skip"] as const;
    for (const wanted of [1, 2]) {
      await setReviewRule(db, wanted);
      for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
        const { ids, selection } = await freshView(10);
        const worst = { taken: 0 };
        await Promise.all(
          team.map(async (reviewer, index) => {
            for (let round = 0; round < 8; round += 1) {
              const batch = await claimReviewLeases(db, { selection, reviewerId: reviewer.id, want: 2 });
              for (const [turn, imageId] of batch.entries()) {
                const decision = decisions[(index + turn + round) % decisions.length] ?? "skip";
                const decided = await recordReview(db, reviewer, { action: "decide", imageId, decision });
                expect(decided.ok).toBe(true);
              }
              worst.taken = Math.max(worst.taken, ...(await placesTaken(ids)));
            }
          }),
        );
        expect(worst.taken, `rule ${wanted}, iteration ${iteration}`).toBeLessThanOrEqual(wanted);
      }
    }
    await setReviewRule(db, 1);
  });

  it("hands an image someone skipped to another reviewer, never back to the one who skipped it", async () => {
    const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
    const { ids, selection } = await freshView(1);
    const [imageId = ""] = ids;
    expect(await claimReviewLeases(db, { selection, reviewerId: alice.id, want: 5 })).toEqual([imageId]);
    expect(await claimReviewLeases(db, { selection, reviewerId: bob.id, want: 5 })).toEqual([]);
    await recordReview(db, alice, { action: "decide", imageId, decision: "skip" });
    expect(await claimReviewLeases(db, { selection, reviewerId: alice.id, want: 5 })).toEqual([]);
    expect(await claimReviewLeases(db, { selection, reviewerId: bob.id, want: 5 })).toEqual([imageId]);
  });

  it("gives a lapsed lease to the next reviewer who asks, and the reviewer who walked away new images", async () => {
    const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
    const { ids, selection } = await freshView(4);
    const hers = (await claimReviewLeases(db, { selection, reviewerId: alice.id, want: 2 })).sort();
    const his = (await claimReviewLeases(db, { selection, reviewerId: bob.id, want: 2 })).sort();
    expect([...hers, ...his].sort()).toEqual([...ids].sort());
    // While Alice's leases live, her images are hers: nobody else is handed them, and she keeps them.
    expect(await claimReviewLeases(db, { selection, reviewerId: bob.id, want: 2 })).toEqual([]);
    expect(await claimReviewLeases(db, { selection, reviewerId: alice.id, want: 2 })).toEqual([]);
    await expireLeases(db, alice.id);
    expect((await claimReviewLeases(db, { selection, reviewerId: bob.id, want: 2 })).sort()).toEqual(hers);
    const held = await db.select().from(reviewLeases).where(inArray(reviewLeases.imageId, hers));
    expect(held.map((lease) => lease.reviewerId)).toEqual([bob.id, bob.id]);
    expect(await claimReviewLeases(db, { selection, reviewerId: alice.id, want: 2 })).toEqual([]);
    await expireLeases(db, bob.id);
    // Back after Bob walked away too: she is handed whatever is free.
    expect((await claimReviewLeases(db, { selection, reviewerId: alice.id, want: 4 })).sort()).toEqual(
      [...ids].sort(),
    );
  });

  it("renews the leases a reviewer holds whenever they ask or decide", async () => {
    const alice = await insertTestReviewer(db);
    const { ids, selection } = await freshView(3);
    await claimReviewLeases(db, { selection, reviewerId: alice.id, want: 3 });
    await db
      .update(reviewLeases)
      .set({ expiresAt: sql`now() + interval '1 minute'` })
      .where(eq(reviewLeases.reviewerId, alice.id));
    await recordReview(db, alice, { action: "decide", imageId: ids[0] ?? "", decision: "approve" });
    const [row] = await db
      .select({ minutes: sql<number>`(extract(epoch from ${reviewLeases.expiresAt} - now()) / 60)::float` })
      .from(reviewLeases)
      .where(eq(reviewLeases.imageId, ids[1] ?? ""));
    expect(row?.minutes).toBeGreaterThan(5);
    expect(
      await db
        .select()
        .from(reviewLeases)
        .where(eq(reviewLeases.imageId, ids[0] ?? "")),
    ).toEqual([]);
  });
});

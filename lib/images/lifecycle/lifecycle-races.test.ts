import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { images, reviews } from "@/lib/db/schema";
import { recordBulkReview } from "@/lib/review/record-bulk-review";
import { recordReview } from "@/lib/review/record-review";
import { insertTestImages, insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { undoBulkReview } from "@/lib/review/undo-bulk-review";
import { undoLastReview } from "@/lib/review/undo-last-review";
import { createTestContext } from "@/lib/testing/test-context";
import { cleanupImages } from "./cleanup-images";
import { purgeImage } from "./purge-image";
import { restoreImage } from "./restore-image";

// Each destructive step races the write that takes its reason away, many times: whoever is told "saved" keeps
// what they saved. (`cli cleanup --rejected-older-than 1s` against a second reviewer's approval was purging the
// approved image in 11 of 15 runs.)
const context = await createTestContext();
const deps = { db: context.db, storage: context.storage };
const ROUNDS = 15;
const LONG_AGO = new Date(Date.now() - 3_600_000);
const cleanup = () => cleanupImages(deps, { policy: { older_than: "1s" } });

const existing = async (ids: string[]) =>
  (await context.db.select({ id: images.id }).from(images).where(inArray(images.id, ids))).map(
    (row) => row.id,
  );

/** Images the cleanup policy looks at: created, last posted (and deleted, when asked) an hour ago. */
async function oldImages(count: number, deleted = false): Promise<string[]> {
  const deletedAt = deleted ? LONG_AGO : null;
  return insertTestImages(context.db, count, { createdAt: LONG_AGO, lastPostedAt: LONG_AGO, deletedAt });
}

describe("destructive steps act only on what is still true", () => {
  it("never purges an image a second reviewer approved while cleanup ran (cleanup vs decision)", async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [alice, bob] = [await insertTestReviewer(context.db), await insertTestReviewer(context.db)];
      const [imageId = ""] = await oldImages(1);
      await recordReview(context.db, alice, { action: "decide", imageId, decision: "reject" });
      const [, approved] = await Promise.all([
        cleanup(),
        recordReview(context.db, bob, { action: "decide", imageId, decision: "approve" }),
      ]);
      if (!approved.ok) {
        expect(approved.error.code).toBe("not_found");
        continue;
      }
      const kept = await context.db
        .select({ id: reviews.id })
        .from(reviews)
        .where(and(eq(reviews.imageId, imageId), eq(reviews.reviewerId, bob.id)));
      if (kept.length === 0)
        failures.push(`round ${round}: answered ${approved.value.reviewStatus}, then purged`);
    }
    expect(failures).toEqual([]);
  });

  it("never purges an image whose rejection was undone while cleanup ran (cleanup vs undo)", async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const alice = await insertTestReviewer(context.db);
      const [imageId = ""] = await oldImages(1);
      await recordReview(context.db, alice, { action: "decide", imageId, decision: "reject" });
      const [, undone] = await Promise.all([cleanup(), undoLastReview(context.db, alice)]);
      if (!undone.ok) {
        // The purge went first: its events went with the image, so there is nothing left to undo.
        expect(undone.error.code).toBe("not_found");
        continue;
      }
      if ((await existing([imageId])).length === 0) failures.push(`round ${round}: undone, then purged`);
    }
    expect(failures).toEqual([]);
  });

  it("never purges images a bulk approval reached while cleanup ran (cleanup vs bulk decision)", async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [alice, bob] = [await insertTestReviewer(context.db), await insertTestReviewer(context.db)];
      const ids = await oldImages(4);
      for (const imageId of ids)
        await recordReview(context.db, alice, { action: "decide", imageId, decision: "reject" });
      const [, bulk] = await Promise.all([
        cleanup(),
        recordBulkReview(context.db, bob, {
          target: { kind: "picked", imageIds: ids },
          change: { action: "decide", decision: "approve" },
        }),
      ]);
      if (!bulk.ok) throw new Error(bulk.error.message);
      const decided = Object.keys(bulk.value.statuses);
      const kept = await existing(decided);
      if (kept.length !== decided.length)
        failures.push(`round ${round}: ${decided.length - kept.length} purged after approval`);
    }
    expect(failures).toEqual([]);
  });

  it("never purges images whose bulk rejection was undone while cleanup ran (cleanup vs bulk undo)", async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const alice = await insertTestReviewer(context.db);
      const ids = await oldImages(4);
      const bulk = await recordBulkReview(context.db, alice, {
        target: { kind: "picked", imageIds: ids },
        change: { action: "decide", decision: "reject" },
      });
      if (!bulk.ok) throw new Error(bulk.error.message);
      const [, undone] = await Promise.all([
        cleanup(),
        undoBulkReview(context.db, alice, { bulkReviewId: bulk.value.bulkReviewId }),
      ]);
      // A purge that went first took the image's events with it: the undo skips it (no foreign-key error).
      if (!undone.ok) throw new Error(undone.error.message);
      const restored = Object.keys(undone.value.statuses);
      const kept = await existing(restored);
      if (kept.length !== restored.length)
        failures.push(`round ${round}: ${restored.length - kept.length} purged after their undo`);
    }
    expect(failures).toEqual([]);
  });

  it("never purges an image restored from the trash while cleanup ran (cleanup vs restore)", async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [imageId = ""] = await oldImages(1, true);
      const [, restored] = await Promise.all([cleanup(), restoreImage(context.db, imageId)]);
      if (!restored.ok) {
        expect(restored.error.code).toBe("not_found");
        continue;
      }
      if ((await existing([imageId])).length === 0) failures.push(`round ${round}: restored, then purged`);
    }
    expect(failures).toEqual([]);
  });

  it("either restores or purges a deleted image, never both (purge vs restore)", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [imageId = ""] = await oldImages(1, true);
      const [purged, restored] = await Promise.all([
        purgeImage(deps, imageId, {}),
        restoreImage(context.db, imageId),
      ]);
      const left = await existing([imageId]);
      if (purged.ok) {
        expect(restored).toMatchObject({ ok: false, error: { code: "not_found" } });
        expect(left).toEqual([]);
      } else {
        expect(purged.error.code).toBe("conflict");
        expect(restored.ok).toBe(true);
        expect(left).toEqual([imageId]);
      }
    }
  });
});

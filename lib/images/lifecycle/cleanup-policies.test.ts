import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDataset } from "@/lib/datasets/create-dataset";
import { freezeDatasetVersion } from "@/lib/datasets/freeze-dataset-version";
import { removeDatasetImages } from "@/lib/datasets/remove-dataset-images";
import { images, runs } from "@/lib/db/schema";
import { recordReview } from "@/lib/review/record-review";
import { insertTestImage, insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { cleanupImages } from "./cleanup-images";
import type { CleanupPolicyInput } from "./cleanup-policy";
import { planCleanup } from "./plan-cleanup";

// The policies besides "rejected older than": keep the newest N per model or per run, and older-than per model.
// Each is planned, then acted on; what the plan says protects an image keeps it, and only what it says goes.
const context = await createTestContext();
const deps = { db: context.db, storage: context.storage };
const HOUR = 3_600_000;
const ROUNDS = 15;

const uniqueModel = () => `model-${randomBytes(4).toString("hex")}`;
const existing = async (ids: string[]) =>
  new Set(
    (await context.db.select({ id: images.id }).from(images).where(inArray(images.id, ids))).map(
      (row) => row.id,
    ),
  );

/** `count` images of one model (and run), one hour apart, oldest first; last posted when they were made. */
async function series(count: number, fields: { model?: string; runId?: string } = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const at = new Date(Date.now() - (count - index) * HOUR);
    ids.push(await insertTestImage(context.db, { ...fields, createdAt: at, lastPostedAt: at }));
  }
  return ids;
}

async function planOf(policy: CleanupPolicyInput, ids: string[]) {
  const plan = await planCleanup(context.db, { ...policy, limit: 500 });
  const mine = plan.items.filter((item) => ids.includes(item.id));
  return {
    plan,
    removed: mine.filter((item) => item.would_remove).map((item) => item.id),
    keptBy: Object.fromEntries(
      mine.filter((item) => !item.would_remove).map((item) => [item.id, item.protected_by]),
    ),
  };
}

describe("cleanup policies: plan, then act, protected images untouched", () => {
  it("keeps the newest N per model, and every protected image beyond them", async () => {
    const model = uniqueModel();
    const [oldest = "", approved = "", inDataset = "", inVersion = "", reposted = "", plain = "", ...newest] =
      await series(8, { model });
    const reviewer = await insertTestReviewer(context.db);
    await recordReview(context.db, reviewer, { action: "decide", imageId: approved, decision: "approve" });
    await createDataset(context.db, { name: `keep-${model}`, image_ids: [inDataset] });
    const versioned = await createDataset(context.db, { name: `frozen-${model}`, image_ids: [inVersion] });
    if (!versioned.ok) throw new Error(versioned.error.message);
    await freezeDatasetVersion(context.db, versioned.value.id, {});
    await removeDatasetImages(context.db, versioned.value.id, { image_ids: [inVersion] });
    // Posted again after the oldest image the policy keeps was made: a generator still makes it.
    await context.db.update(images).set({ lastPostedAt: new Date() }).where(eq(images.id, reposted));
    const all = [oldest, approved, inDataset, inVersion, reposted, plain, ...newest];

    const policy = { policy: "keep_newest", keep: 2, per: "model" } as const;
    const { plan, removed, keptBy } = await planOf(policy, all);
    expect(plan).toMatchObject({ policy: "keep_newest", cutoff: null });
    expect(removed.sort()).toEqual([oldest, plain].sort());
    expect(keptBy).toEqual({
      [approved]: ["it is approved", "a reviewer approved it"],
      [inDataset]: ["it is in a dataset"],
      [inVersion]: ["it is in a frozen dataset version"],
      [reposted]: ["it was posted again after the cutoff"],
    });
    // The newest two are not looked at at all.
    for (const id of newest) expect(plan.items.map((item) => item.id)).not.toContain(id);
    expect(await existing(all)).toEqual(new Set(all));

    const report = await cleanupImages(deps, { policy });
    expect(report.failed).toEqual([]);
    const left = await existing(all);
    expect(left).toEqual(new Set(all.filter((id) => id !== oldest && id !== plain)));
    // Acting again finds nothing more of this model: the plan and the purge's re-check agree.
    expect((await planOf(policy, all)).removed).toEqual([]);
  });

  it("keeps the newest N per run; images without a run are a group of their own", async () => {
    const [first, second] = await context.db
      .insert(runs)
      .values([
        { name: `run-${randomBytes(4).toString("hex")}` },
        { name: `run-${randomBytes(4).toString("hex")}` },
      ])
      .returning({ id: runs.id });
    const model = uniqueModel();
    const inFirst = await series(3, { model, runId: first?.id });
    const inSecond = await series(2, { model, runId: second?.id });
    const policy = { policy: "keep_newest", keep: 2, per: "run" } as const;
    const { removed } = await planOf(policy, [...inFirst, ...inSecond]);
    expect(removed).toEqual([inFirst[0]]);
    await cleanupImages(deps, { policy });
    expect(await existing([...inFirst, ...inSecond])).toEqual(new Set([...inFirst.slice(1), ...inSecond]));
  });

  it("removes one model's images older than the age, whatever their review, except protected ones", async () => {
    const model = uniqueModel();
    const other = uniqueModel();
    const [old = "", conflicting = "", rejected = "", reposted = "", recent = ""] = await series(5, {
      model,
    });
    const twoDaysAgo = new Date(Date.now() - 48 * HOUR);
    await context.db
      .update(images)
      .set({ createdAt: twoDaysAgo, lastPostedAt: twoDaysAgo })
      .where(inArray(images.id, [old, conflicting, rejected, reposted]));
    await context.db.update(images).set({ lastPostedAt: new Date() }).where(eq(images.id, reposted));
    const [alice, bob] = [await insertTestReviewer(context.db), await insertTestReviewer(context.db)];
    for (const imageId of [conflicting, rejected])
      await recordReview(context.db, alice, { action: "decide", imageId, decision: "reject" });
    await recordReview(context.db, bob, { action: "decide", imageId: conflicting, decision: "approve" });
    const [otherOld = ""] = await series(1, { model: other });
    await context.db
      .update(images)
      .set({ createdAt: twoDaysAgo, lastPostedAt: twoDaysAgo })
      .where(eq(images.id, otherOld));
    const all = [old, conflicting, rejected, reposted, recent, otherOld];

    // Any spelling of the model names it (its folder, extension and case do not matter).
    const policy = {
      policy: "older_than",
      older_than: "1d",
      model: `Stable/${model.toUpperCase()}.safetensors`,
    } as const;
    const { plan, removed, keptBy } = await planOf(policy, all);
    expect(plan.cutoff).not.toBeNull();
    expect(removed.sort()).toEqual([old, rejected].sort());
    expect(keptBy).toEqual({
      [conflicting]: ["a reviewer approved it"],
      [reposted]: ["it was posted again after the cutoff"],
    });
    await cleanupImages(deps, { policy });
    expect(await existing(all)).toEqual(new Set([conflicting, reposted, recent, otherOld]));
  });

  it("refuses a policy without the fields it needs, naming them", async () => {
    await expect(planCleanup(context.db, { policy: "keep_newest", keep: 3 })).rejects.toThrow(
      /keep_newest needs per/,
    );
    await expect(planCleanup(context.db, { policy: "older_than", older_than: "1d" })).rejects.toThrow(
      /older_than needs model/,
    );
    await expect(planCleanup(context.db, { policy: "rejected" })).rejects.toThrow(
      /rejected needs older_than/,
    );
  });

  for (const policy of [
    { policy: "keep_newest", keep: 1, per: "model" },
    { policy: "older_than", older_than: "1s" },
  ] as const) {
    it(`never purges an image approved while the ${policy.policy} policy ran (policy vs decision)`, async () => {
      const failures: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const model = uniqueModel();
        const ids = await series(3, { model });
        const target = ids[0] ?? "";
        const reviewer = await insertTestReviewer(context.db);
        const [, approved] = await Promise.all([
          cleanupImages(deps, { policy: { ...policy, model } }),
          recordReview(context.db, reviewer, { action: "decide", imageId: target, decision: "approve" }),
        ]);
        if (!approved.ok) {
          // The purge went first and the decision found no image: nobody was told "saved".
          expect(approved.error.code).toBe("not_found");
          continue;
        }
        if (!(await existing([target])).has(target)) failures.push(`round ${round}: approved, then purged`);
      }
      expect(failures).toEqual([]);
    });
  }
});

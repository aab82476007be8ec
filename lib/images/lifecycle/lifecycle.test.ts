import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDataset } from "@/lib/datasets/create-dataset";
import { freezeDatasetVersion } from "@/lib/datasets/freeze-dataset-version";
import { removeDatasetImages } from "@/lib/datasets/remove-dataset-images";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { images, imageVariants } from "@/lib/db/schema";
import { headObject } from "@/lib/storage/objects";
import { createTestContext } from "@/lib/testing/test-context";
import { cleanupImages } from "./cleanup-images";
import { parseAge } from "./parse-age";
import { planCleanup } from "./plan-cleanup";
import { purgeImage } from "./purge-image";
import { restoreImage } from "./restore-image";
import { softDeleteImage } from "./soft-delete-image";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage };
const DAY = 86_400_000;
const exists = async (key: string) => (await headObject(context.storage, key)).ok;
const rowOf = async (id: string) =>
  (await context.db.select().from(images).where(eq(images.id, id)))[0] ?? null;
const setStatus = (ids: string[], reviewStatus: "approved" | "rejected") =>
  context.db.update(images).set({ reviewStatus }).where(inArray(images.id, ids));

describe("restore, purge and cleanup", () => {
  it("restores a soft-deleted image", async () => {
    const [image] = await ingestTestImages(context, 1);
    await softDeleteImage(context.db, image?.id ?? "");
    expect(await restoreImage(context.db, image?.id ?? "")).toEqual({
      ok: true,
      value: { id: image?.id, deleted_at: null },
    });
    expect((await rowOf(image?.id ?? ""))?.deletedAt).toBeNull();
    expect(await restoreImage(context.db, "00000000-0000-4000-8000-000000000000")).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("purges objects then rows, and refuses approved or dataset images", async () => {
    const [plain, approved, member] = await ingestTestImages(context, 3);
    if (!plain || !approved || !member) throw new Error("ingest failed");
    const keys = [plain.object_key, ...plain.variants.map((variant) => variant.object_key)];
    expect(await purgeImage(deps, plain.id, {})).toEqual({
      ok: false,
      error: {
        code: "conflict",
        message: `Image ${plain.id} is not deleted: delete it first, then purge it`,
      },
    });
    for (const image of [plain, approved]) await softDeleteImage(context.db, image.id);
    expect(await purgeImage(deps, plain.id, {})).toEqual({
      ok: true,
      value: { id: plain.id, sha256: plain.sha256, objects_removed: keys.length },
    });
    for (const key of keys) expect(await exists(key)).toBe(false);
    expect(await rowOf(plain.id)).toBeNull();
    expect(await context.db.select().from(imageVariants).where(eq(imageVariants.imageId, plain.id))).toEqual(
      [],
    );

    await setStatus([approved.id], "approved");
    expect(await purgeImage(deps, approved.id, {})).toMatchObject({
      ok: false,
      error: { code: "conflict", details: { reasons: ["it is approved"] } },
    });
    const dataset = await createDataset(context.db, { name: "keep", image_ids: [member.id] });
    if (!dataset.ok) throw new Error(dataset.error.message);
    await freezeDatasetVersion(context.db, dataset.value.id, {});
    await removeDatasetImages(context.db, dataset.value.id, { image_ids: [member.id] });
    await softDeleteImage(context.db, member.id);
    expect(await purgeImage(deps, member.id, {})).toMatchObject({
      ok: false,
      error: { code: "conflict", details: { reasons: ["it is in a frozen dataset version"] } },
    });
    expect(await exists(member.object_key)).toBe(true);
    expect(await purgeImage(deps, plain.id, {})).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("cleans up old rejected and deleted images, never approved or dataset ones; dry-run changes nothing", async () => {
    const [rejected, deleted, fresh, approved, inDataset] = await ingestTestImages(context, 5);
    if (!rejected || !deleted || !fresh || !approved || !inDataset) throw new Error("ingest failed");
    await setStatus([rejected.id, fresh.id, inDataset.id], "rejected");
    await setStatus([approved.id], "approved");
    await softDeleteImage(context.db, deleted.id);
    await softDeleteImage(context.db, approved.id);
    await createDataset(context.db, { name: "rejects-kept", image_ids: [inDataset.id] });
    const old = new Date(Date.now() - 40 * DAY);
    await context.db
      .update(images)
      .set({ createdAt: old, deletedAt: old, lastPostedAt: old })
      .where(inArray(images.id, [rejected.id, deleted.id, approved.id, inDataset.id]));
    await context.db
      .update(images)
      .set({ deletedAt: null })
      .where(inArray(images.id, [rejected.id, inDataset.id]));

    const policy = { older_than: "30d" };
    const dry = await cleanupImages(deps, { policy, dryRun: true });
    expect(dry.candidates.map((candidate) => [candidate.id, candidate.reason]).sort()).toEqual(
      [
        [rejected.id, "rejected"],
        [deleted.id, "deleted"],
      ].sort(),
    );
    expect(dry.purged).toBe(0);
    // The read-only plan (MCP plan_cleanup) removes what the dry run lists and says why the rest is kept.
    const plan = await planCleanup(context.db, { older_than: "30d" });
    expect(
      plan.items
        .filter((item) => item.would_remove)
        .map((item) => item.id)
        .sort(),
    ).toEqual(dry.candidates.map((candidate) => candidate.id).sort());
    expect(plan.items.find((item) => item.id === approved.id)?.protected_by).toEqual(["it is approved"]);
    expect(plan.items.find((item) => item.id === inDataset.id)?.protected_by).toEqual(["it is in a dataset"]);
    expect(plan).toMatchObject({ would_remove: 2, protected: 2 });
    expect(await rowOf(rejected.id)).not.toBeNull();
    expect(await exists(rejected.object_key)).toBe(true);

    const done = await cleanupImages(deps, { policy });
    expect(done).toMatchObject({ purged: 2, failed: [] });
    expect(await rowOf(rejected.id)).toBeNull();
    expect(await rowOf(deleted.id)).toBeNull();
    expect(await exists(deleted.object_key)).toBe(false);
    for (const kept of [fresh, approved, inDataset]) expect(await rowOf(kept.id)).not.toBeNull();
    expect(parseAge("12h")).toBe(12 * 3_600_000);
    expect(parseAge("30 days")).toBeNull();
    // Past 100 years a cutoff would be before any image, and past ~285,000 years no date at all (a RangeError).
    expect(parseAge("36500d")).toBe(36_500 * DAY);
    for (const huge of ["36501d", "99999999999999d", "9999999999999999999999w"])
      expect(parseAge(huge)).toBeNull();
    await expect(cleanupImages(deps, { policy: { older_than: "99999999999999d" } })).rejects.toThrow(
      /older_than: an age looks like/,
    );
  });
});

import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { datasetImages, datasetVersionImages, images } from "@/lib/db/schema";
import { cleanupImages } from "@/lib/images/lifecycle/cleanup-images";
import { recordReview } from "@/lib/review/record-review";
import { insertTestImages, insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { addDatasetImages } from "./add-dataset-images";
import { createDataset } from "./create-dataset";
import { freezeDatasetVersion } from "./freeze-dataset-version";
import { removeDatasetImages } from "./remove-dataset-images";
import { updateDatasetCaption } from "./update-dataset-caption";

// Dataset membership against the writes that race it, each run many times: no answer is an error from a row that
// vanished under it, and whatever an answer says was done is what the tables hold.
const context = await createTestContext();
const deps = { db: context.db, storage: context.storage };
const ROUNDS = 15;
const LONG_AGO = new Date(Date.now() - 3_600_000);
let datasetNumber = 0;

async function newDataset(imageIds: string[]): Promise<string> {
  datasetNumber += 1;
  const created = await createDataset(context.db, { name: `race-${datasetNumber}`, image_ids: imageIds });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

/** An image the cleanup policy would purge: rejected, made and last posted an hour ago. */
async function oldRejectedImage(): Promise<string> {
  const [imageId = ""] = await insertTestImages(context.db, 1, {
    createdAt: LONG_AGO,
    lastPostedAt: LONG_AGO,
  });
  const reviewer = await insertTestReviewer(context.db);
  await recordReview(context.db, reviewer, { action: "decide", imageId, decision: "reject" });
  return imageId;
}

const settle = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value, thrown: null }),
    (error: unknown) => ({ value: null, thrown: String(error) }),
  );

const membersOf = async (datasetId: string) =>
  (
    await context.db
      .select({ imageId: datasetImages.imageId })
      .from(datasetImages)
      .where(eq(datasetImages.datasetId, datasetId))
  ).map((row) => row.imageId);

describe("dataset membership under races", () => {
  it("adds an image cleanup is purging, or says it is gone; never an error (add vs purge)", async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const datasetId = await newDataset([(await insertTestImages(context.db, 1))[0] ?? ""]);
      const imageId = await oldRejectedImage();
      const [, added] = await Promise.all([
        cleanupImages(deps, { policy: { older_than: "1s" } }),
        settle(addDatasetImages(context.db, datasetId, { image_ids: [imageId] })),
      ]);
      const left = await context.db.select({ id: images.id }).from(images).where(eq(images.id, imageId));
      if (added.thrown) failures.push(`round ${round}: ${added.thrown.slice(0, 120)}`);
      else if (added.value?.ok) {
        // Added: the purge must have seen the membership and kept the image.
        expect(left).toHaveLength(1);
        expect(await membersOf(datasetId)).toContain(imageId);
      } else expect(added.value?.error.code).toBe("invalid_request");
    }
    expect(failures).toEqual([]);
  });

  it("freezes what the dataset holds while an image is removed and purged (freeze vs remove + purge)", async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const keep = await insertTestImages(context.db, 3);
      const imageId = await oldRejectedImage();
      const datasetId = await newDataset([...keep, imageId]);
      const [, frozen] = await Promise.all([
        (async () => {
          await removeDatasetImages(context.db, datasetId, { image_ids: [imageId] });
          await cleanupImages(deps, { policy: { older_than: "1s" } });
        })(),
        settle(freezeDatasetVersion(context.db, datasetId, {})),
      ]);
      if (frozen.thrown) {
        failures.push(`round ${round}: ${frozen.thrown.slice(0, 120)}`);
        continue;
      }
      if (!frozen.value?.ok) throw new Error(frozen.value?.error.message);
      const version = await context.db
        .select({ imageId: datasetVersionImages.imageId })
        .from(datasetVersionImages)
        .innerJoin(images, eq(images.id, datasetVersionImages.imageId))
        .where(inArray(datasetVersionImages.imageId, [...keep, imageId]));
      const frozenIds = version.map((row) => row.imageId);
      expect(frozenIds).toEqual(expect.arrayContaining(keep));
      // The version holds what it counted, and every image it holds still exists (a purge saw it was frozen).
      expect(frozenIds).toHaveLength(frozen.value.value.image_count);
    }
    expect(failures).toEqual([]);
  });

  it("a caption edit racing a removal either lands on a member or says it is not one (edit vs remove)", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [imageId = ""] = await insertTestImages(context.db, 1);
      const datasetId = await newDataset([imageId]);
      const [removed, edited] = await Promise.all([
        removeDatasetImages(context.db, datasetId, { image_ids: [imageId] }),
        updateDatasetCaption(context.db, { datasetId, imageId }, { caption: `round ${round}` }),
      ]);
      expect(removed).toEqual({ ok: true, value: { removed: 1, revision: expect.any(Number) } });
      if (!edited.ok) expect(edited.error.code).toBe("not_found");
      // The removal wins either way: an edit never brings a removed member back.
      expect(
        await context.db
          .select()
          .from(datasetImages)
          .where(and(eq(datasetImages.datasetId, datasetId), eq(datasetImages.imageId, imageId))),
      ).toEqual([]);
    }
  });
});

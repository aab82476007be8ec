import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { datasetImages } from "@/db/schema";
import { insertTestImages } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { applyCaptionTemplate } from "./apply-caption-template";
import { createDataset } from "./create-dataset";
import { freezeDatasetVersion } from "./freeze-dataset-version";
import { getDatasetVersion } from "./get-dataset-version";
import { updateDatasetCaption } from "./update-dataset-caption";

const { db } = await createTestContext();
const ROUNDS = 15;
let datasetCount = 0;

/** A dataset of `size` images, every caption "base". */
async function datasetWithCaptions(size: number) {
  const imageIds = await insertTestImages(db, size, { prompt: "base" });
  const created = await createDataset(db, { name: `race-${++datasetCount}`, image_ids: imageIds });
  if (!created.ok) throw new Error(created.error.message);
  return { datasetId: created.value.id, imageIds };
}

const captionOf = async (datasetId: string, imageId: string) =>
  (
    await db
      .select({ caption: datasetImages.caption })
      .from(datasetImages)
      .where(and(eq(datasetImages.datasetId, datasetId), eq(datasetImages.imageId, imageId)))
  )[0]?.caption;

describe("captions against concurrent edits and freezes", () => {
  it("a template never writes over an edit it did not see; the edit lands first or is refused as stale", async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { datasetId, imageIds } = await datasetWithCaptions(300);
      const edited = imageIds[round * 7] ?? "";
      const [template, edit] = await Promise.all([
        // "overwrite": the edit is typed by hand; this race is about the template seeing it, not skipping it.
        applyCaptionTemplate(db, datasetId, { template: "ohwx, {caption}", hand_edited: "overwrite" }),
        updateDatasetCaption(
          db,
          { datasetId, imageId: edited },
          { caption: "edited", expected_caption: "base" },
        ),
      ]);
      expect(template.ok).toBe(true);
      expect(await captionOf(datasetId, edited)).toBe(edit.ok ? "ohwx, edited" : "ohwx, base");
      if (!edit.ok) expect(edit.error.code).toBe("conflict");
    }
  });

  it("two edits from the same caption: one lands, the other is refused", async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { datasetId, imageIds } = await datasetWithCaptions(1);
      const target = { datasetId, imageId: imageIds[0] ?? "" };
      const results = await Promise.all(
        ["first", "second", "third"].map((caption) =>
          updateDatasetCaption(db, target, { caption, expected_caption: "base" }),
        ),
      );
      const landed = results.filter((result) => result.ok);
      expect(landed).toHaveLength(1);
      expect(await captionOf(datasetId, target.imageId)).toBe(landed[0]?.ok ? landed[0].value.caption : "");
    }
  });

  it("a version frozen while a template applies holds every caption before it or every caption after", async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { datasetId } = await datasetWithCaptions(300);
      const [, frozen] = await Promise.all([
        applyCaptionTemplate(db, datasetId, { template: "ohwx, {caption}" }),
        freezeDatasetVersion(db, datasetId, {}),
      ]);
      if (!frozen.ok) throw new Error(frozen.error.message);
      const version = await getDatasetVersion(db, datasetId, frozen.value.version);
      if (!version.ok) throw new Error(version.error.message);
      const captions = new Set(version.value.entries.map((entry) => entry.caption));
      expect([["base"], ["ohwx, base"]]).toContainEqual([...captions]);
    }
  });
});

import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { datasetImages } from "@/lib/db/schema";
import { insertTestImages } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { applyCaptionTemplate, previewCaptionTemplate } from "./apply-caption-template";
import { auditDataset } from "./audit/audit-dataset";
import { undoCaptionChange } from "./captions/undo-caption-change";
import { createDataset } from "./create-dataset";
import { editCaptionTags, previewCaptionTags } from "./edit-caption-tags";
import { freezeDatasetVersion } from "./freeze-dataset-version";
import { getDatasetVersion } from "./get-dataset-version";
import { removeDatasetImages } from "./remove-dataset-images";
import { updateDatasetCaption } from "./update-dataset-caption";

const { db } = await createTestContext();
const ROUNDS = 15;
let datasetCount = 0;

/** A dataset of `size` images, every caption `prompt` ("base"). */
async function datasetWithCaptions(size: number, prompt = "base") {
  const imageIds = await insertTestImages(db, size, { prompt });
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

// The workbench's confirmed steps act only on the dataset their preview (or audit) showed: whichever of two racing
// writes commits second finds its premise gone and is refused, so exactly one lands and the tables say which.
describe("the workbench's write paths against each other", () => {
  const value = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }) => {
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const bulkSteps = [
    {
      name: "a template",
      after: "ohwx, base, tag",
      run: async (datasetId: string) => {
        const fields = { template: "{trigger}, {caption}", trigger: "ohwx" };
        const plan = value(await previewCaptionTemplate(db, datasetId, fields));
        return () => applyCaptionTemplate(db, datasetId, { ...fields, expected_revision: plan.revision });
      },
    },
    {
      name: "a tag rename",
      after: "base, renamed",
      run: async (datasetId: string) => {
        const fields = { operation: { op: "rename" as const, tag: "tag", to: "renamed" } };
        const plan = value(await previewCaptionTags(db, datasetId, fields));
        return () => editCaptionTags(db, datasetId, { ...fields, expected_revision: plan.revision });
      },
    },
  ];

  for (const step of bulkSteps) {
    it(`${step.name} confirmed from its preview and an edit: exactly one lands (${step.name} vs edit)`, async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const { datasetId, imageIds } = await datasetWithCaptions(20, "base, tag");
        const edited = imageIds[round % 20] ?? "";
        const confirm = await step.run(datasetId);
        const [bulk, edit] = await Promise.all([
          confirm(),
          updateDatasetCaption(
            db,
            { datasetId, imageId: edited },
            { caption: "edited", expected_caption: "base, tag" },
          ),
        ]);
        // One commits; the other then finds the dataset (or the caption) it was sure of gone: a conflict.
        expect([bulk.ok, edit.ok].filter(Boolean)).toHaveLength(1);
        const loser = bulk.ok ? edit : bulk;
        if (!loser.ok) expect(loser.error.code).toBe("conflict");
        expect(await captionOf(datasetId, edited)).toBe(edit.ok ? "edited" : step.after);
        expect(await captionOf(datasetId, imageIds.at(-1) ?? "")).toBe(bulk.ok ? step.after : "base, tag");
      }
    });
  }

  it("an undo and an edit of a caption it would restore: the edit is kept or refused, never overwritten (undo vs edit)", async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { datasetId, imageIds } = await datasetWithCaptions(20);
      const applied = value(await applyCaptionTemplate(db, datasetId, { template: "ohwx, {caption}" }));
      const edited = imageIds[round % 20] ?? "";
      const [undo, edit] = await Promise.all([
        undoCaptionChange(db, { datasetId, changeId: applied.change_id ?? "" }, {}),
        updateDatasetCaption(
          db,
          { datasetId, imageId: edited },
          { caption: "edited", expected_caption: "ohwx, base" },
        ),
      ]);
      const undone = value(undo);
      expect(await captionOf(datasetId, edited)).toBe(edit.ok ? "edited" : "base");
      expect(undone).toMatchObject({ restored: edit.ok ? 19 : 20, skipped: edit.ok ? 1 : 0 });
    }
  });

  it("a freeze at the audited revision and a removal: the version holds what was audited, or is refused (remove vs freeze)", async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { datasetId, imageIds } = await datasetWithCaptions(12);
      const audited = value(await auditDataset(db, datasetId));
      const [removed, frozen] = await Promise.all([
        removeDatasetImages(db, datasetId, { image_ids: imageIds.slice(0, 3) }),
        freezeDatasetVersion(db, datasetId, { expected_revision: audited.revision }),
      ]);
      expect(value(removed).removed).toBe(3);
      if (frozen.ok) {
        // Frozen first: exactly the 12 the audit looked at.
        expect(frozen.value.image_count).toBe(12);
      } else {
        expect(frozen.error.code).toBe("conflict");
        const version = await getDatasetVersion(db, datasetId, 1);
        expect(version.ok).toBe(false);
      }
    }
  });
});

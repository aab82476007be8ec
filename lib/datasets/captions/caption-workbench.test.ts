import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { datasetImages } from "@/lib/db/schema";
import { insertTestImages } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { applyCaptionTemplate, previewCaptionTemplate } from "../apply-caption-template";
import { splitTags } from "../caption-tags";
import { createDataset } from "../create-dataset";
import { editCaptionTags, previewCaptionTags } from "../edit-caption-tags";
import { freezeDatasetVersion } from "../freeze-dataset-version";
import { listDatasetMembers } from "../list-dataset-members";
import { removeDatasetImages } from "../remove-dataset-images";
import { updateDatasetCaption } from "../update-dataset-caption";
import { listCaptionChanges } from "./list-caption-changes";
import { listCaptionHistory } from "./list-caption-history";
import { listCaptionTags } from "./list-caption-tags";
import { undoCaptionChange } from "./undo-caption-change";

const { db } = await createTestContext();
let datasetCount = 0;

async function datasetWith(captions: string[]) {
  const imageIds = await insertTestImages(db, captions.length, { prompt: "seed" });
  const created = await createDataset(db, { name: `wb-${++datasetCount}`, image_ids: imageIds });
  if (!created.ok) throw new Error(created.error.message);
  const datasetId = created.value.id;
  for (const [index, caption] of captions.entries()) {
    await db
      .update(datasetImages)
      .set({ caption })
      .where(and(eq(datasetImages.datasetId, datasetId), eq(datasetImages.imageId, imageIds[index] ?? "")));
  }
  return { datasetId, imageIds };
}

const captionsOf = async (datasetId: string, imageIds: string[]) => {
  const rows = await db
    .select({ imageId: datasetImages.imageId, caption: datasetImages.caption })
    .from(datasetImages)
    .where(eq(datasetImages.datasetId, datasetId));
  const byId = new Map(rows.map((row) => [row.imageId, row.caption]));
  return imageIds.map((id) => byId.get(id));
};

function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("caption templates on a dataset", () => {
  it("applying {trigger}, {caption} twice gives lbxstyle once (issue 26 item 3), and the second run changes nothing", async () => {
    const { datasetId, imageIds } = await datasetWith(["a cat", "lbxstyle, a dog", "a bird, lbxstyle"]);
    const template = { template: "{trigger}, {caption}", trigger: "lbxstyle" };
    expect(value(await applyCaptionTemplate(db, datasetId, template)).updated).toBe(2);
    const second = value(await applyCaptionTemplate(db, datasetId, template));
    expect(second).toMatchObject({ updated: 0, change_id: null });
    expect(await captionsOf(datasetId, imageIds)).toEqual([
      "lbxstyle, a cat",
      "lbxstyle, a dog",
      "lbxstyle, a bird",
    ]);
  });

  it("previews as a diff with counts, names captions typed by hand, skips them unless told to overwrite", async () => {
    const { datasetId, imageIds } = await datasetWith(["a cat", "a dog", "a photo of ohwx man"]);
    value(await updateDatasetCaption(db, { datasetId, imageId: imageIds[1] ?? "" }, { caption: "my dog" }));
    const template = { template: "{trigger}, {caption}", trigger: "ohwx" };
    const plan = value(await previewCaptionTemplate(db, datasetId, template));
    expect(plan).toMatchObject({ in_scope: 3, changes: 2, hand_edited: 1, notes: { trigger_in_text: 1 } });
    expect(plan.samples).toContainEqual({
      image_id: imageIds[1],
      before: "my dog",
      after: "ohwx, my dog",
      hand_edited: true,
    });
    // Nothing written by a preview.
    expect(await captionsOf(datasetId, imageIds)).toEqual(["a cat", "my dog", "a photo of ohwx man"]);

    const skipped = value(
      await applyCaptionTemplate(db, datasetId, { ...template, expected_revision: plan.revision }),
    );
    expect(skipped).toMatchObject({ updated: 1, skipped_hand_edited: 1 });
    expect(await captionsOf(datasetId, imageIds)).toEqual(["ohwx, a cat", "my dog", "a photo of ohwx man"]);
    const overwritten = value(
      await applyCaptionTemplate(db, datasetId, { ...template, hand_edited: "overwrite" }),
    );
    expect(overwritten.updated).toBe(1);
    expect((await captionsOf(datasetId, imageIds))[1]).toBe("ohwx, my dog");
  });

  it("refuses to act on a dataset that changed since its preview (409 with the new revision)", async () => {
    const { datasetId, imageIds } = await datasetWith(["a", "b"]);
    const plan = value(await previewCaptionTemplate(db, datasetId, { template: "x, {caption}" }));
    value(await updateDatasetCaption(db, { datasetId, imageId: imageIds[0] ?? "" }, { caption: "edited" }));
    const stale = await applyCaptionTemplate(db, datasetId, {
      template: "x, {caption}",
      expected_revision: plan.revision,
    });
    expect(stale).toMatchObject({
      ok: false,
      error: { code: "conflict", details: { revision: plan.revision + 1 } },
    });
    expect(await captionsOf(datasetId, imageIds)).toEqual(["edited", "b"]);
  });

  it("undoes a whole template in one step, leaving a caption edited since as it is; a second undo is a conflict", async () => {
    const { datasetId, imageIds } = await datasetWith(["a", "b", "c"]);
    const applied = value(await applyCaptionTemplate(db, datasetId, { template: "t, {caption}" }));
    value(
      await updateDatasetCaption(
        db,
        { datasetId, imageId: imageIds[2] ?? "" },
        { caption: "c by hand", expected_caption: "t, c" },
      ),
    );
    const undone = value(await undoCaptionChange(db, { datasetId, changeId: applied.change_id ?? "" }, {}));
    expect(undone).toMatchObject({ restored: 2, skipped: 1 });
    expect(await captionsOf(datasetId, imageIds)).toEqual(["a", "b", "c by hand"]);
    expect(await undoCaptionChange(db, { datasetId, changeId: applied.change_id ?? "" }, {})).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    // The undo is a change too: undoing it redoes the template.
    value(await undoCaptionChange(db, { datasetId, changeId: undone.change_id ?? "" }, {}));
    expect(await captionsOf(datasetId, imageIds)).toEqual(["t, a", "t, b", "c by hand"]);
    const changes = value(await listCaptionChanges(db, datasetId)).items;
    expect(changes.map((change) => [change.kind, change.image_count, change.undone])).toEqual([
      ["undo", 2, false],
      ["undo", 2, true],
      ["edit", 1, false],
      ["template", 3, true],
    ]);
  });
});

describe("caption history of one image", () => {
  it("lists every change to the caption, newest first, and restores an earlier one", async () => {
    const { datasetId, imageIds } = await datasetWith(["first"]);
    const target = { datasetId, imageId: imageIds[0] ?? "" };
    value(await updateDatasetCaption(db, target, { caption: "second" }));
    value(await applyCaptionTemplate(db, datasetId, { template: "t, {caption}", hand_edited: "overwrite" }));
    const history = value(await listCaptionHistory(db, target)).items;
    expect(history.map((entry) => [entry.kind, entry.before, entry.after])).toEqual([
      ["template", "second", "t, second"],
      ["edit", "first", "second"],
    ]);
    value(
      await undoCaptionChange(
        db,
        { datasetId, changeId: history[0]?.change_id ?? "" },
        { image_id: target.imageId },
      ),
    );
    expect(await captionsOf(datasetId, imageIds)).toEqual(["second"]);
    // Restored to a typed caption: it counts as typed again.
    const page = value(await listDatasetMembers(db, datasetId, { page: 1 }));
    expect(page.items[0]?.hand_edited).toBe(true);
  });
});

describe("tag-style captions", () => {
  it("counts tags as splitTags does, across SQL and JavaScript", async () => {
    const captions = ["1girl, solo,smile", "solo , 1girl, 1girl", "Solo, a b", "", "x,,y"];
    const { datasetId } = await datasetWith(captions);
    const vocabulary = value(await listCaptionTags(db, datasetId, { limit: 100 }));
    const expected = new Map<string, number>();
    for (const caption of captions) {
      for (const tag of new Set(splitTags(caption))) expected.set(tag, (expected.get(tag) ?? 0) + 1);
    }
    expect(new Map(vocabulary.items.map((item) => [item.tag, item.count]))).toEqual(expected);
    expect(vocabulary.items[0]).toEqual({ tag: "1girl", count: 2 });
    expect(vocabulary).toMatchObject({ distinct_tags: expected.size, captions: 4 });
  });

  it("renames a tag across a selection in one undoable step, with a preview count, and searches by tag", async () => {
    const { datasetId, imageIds } = await datasetWith(["1girl, solo", "1girl, smile", "2girls", "1girl"]);
    const operation = { op: "rename" as const, tag: "1girl", to: "woman" };
    const scope = { image_ids: imageIds.slice(0, 3) };
    const plan = value(await previewCaptionTags(db, datasetId, { operation, ...scope }));
    expect(plan).toMatchObject({ in_scope: 3, changes: 2 });
    const applied = value(
      await editCaptionTags(db, datasetId, { operation, ...scope, expected_revision: plan.revision }),
    );
    expect(applied.updated).toBe(2);
    expect(await captionsOf(datasetId, imageIds)).toEqual(["woman, solo", "woman, smile", "2girls", "1girl"]);
    const tagged = value(await listDatasetMembers(db, datasetId, { page: 1, tag: "woman" }));
    expect(tagged.items.map((item) => item.caption).sort()).toEqual(["woman, smile", "woman, solo"]);
    value(await undoCaptionChange(db, { datasetId, changeId: applied.change_id ?? "" }, {}));
    expect(await captionsOf(datasetId, imageIds)).toEqual(["1girl, solo", "1girl, smile", "2girls", "1girl"]);
  });

  it("adds, removes and replaces over a filter; a second run changes nothing", async () => {
    const { datasetId, imageIds } = await datasetWith(["a, b", "b", "c"]);
    const byTag = { filter: { tag: "b" } };
    value(
      await editCaptionTags(db, datasetId, {
        operation: { op: "add", tag: "z", position: "start" },
        ...byTag,
      }),
    );
    expect(
      value(
        await editCaptionTags(db, datasetId, {
          operation: { op: "add", tag: "z", position: "start" },
          ...byTag,
        }),
      ).updated,
    ).toBe(0);
    value(
      await editCaptionTags(db, datasetId, { operation: { op: "replace", tag: "b", with: ["b1", "b2"] } }),
    );
    value(await editCaptionTags(db, datasetId, { operation: { op: "remove", tag: "z" } }));
    expect(await captionsOf(datasetId, imageIds)).toEqual(["a, b1, b2", "b1, b2", "c"]);
  });
});

describe("members, removal and freezing against the dataset's revision", () => {
  it("pages members with filters, removes what the person saw, and freezes only the audited revision", async () => {
    const { datasetId, imageIds } = await datasetWith(["", "a", "b"]);
    const missing = value(await listDatasetMembers(db, datasetId, { page: 1, missing: "caption" }));
    expect(missing.items.map((item) => item.image_id)).toEqual([imageIds[0]]);
    const removed = value(
      await removeDatasetImages(db, datasetId, {
        image_ids: [imageIds[0] ?? ""],
        expected_revision: missing.revision,
      }),
    );
    expect(removed.removed).toBe(1);
    const stale = await freezeDatasetVersion(db, datasetId, { expected_revision: missing.revision });
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict" } });
    const frozen = value(await freezeDatasetVersion(db, datasetId, { expected_revision: removed.revision }));
    expect(frozen.image_count).toBe(2);
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from dataset_caption_changes where dataset_id = ${datasetId}`,
    );
    expect(row?.n).toBe(0);
  });
});

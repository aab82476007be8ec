import { describe, expect, it } from "vitest";
import { insertTestImage, insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { addImageTags } from "./add-image-tags";
import { deleteTag } from "./delete-tag";
import { listTags } from "./list-tags";
import { saveTag } from "./save-tag";
import { tagInputSchema } from "./tag-input";

const { db } = await createTestContext();

describe("reason tags", () => {
  it("creates, renames and deletes tags; names and hotkeys are unique", async () => {
    const blurry = await saveTag(
      db,
      tagInputSchema.parse({ name: "Blurry", kind: "reject_reason", hotkey: "B" }),
    );
    expect(blurry.ok && blurry.value).toMatchObject({ name: "Blurry", hotkey: "b", color: null });
    const sameName = await saveTag(db, tagInputSchema.parse({ name: "blurry" }));
    expect(!sameName.ok && sameName.error.code).toBe("conflict");
    const sameKey = await saveTag(db, tagInputSchema.parse({ name: "hands", hotkey: "b" }));
    expect(!sameKey.ok && sameKey.error.message).toContain("Hotkey b");
    if (!blurry.ok) throw new Error("no tag");
    const renamed = await saveTag(db, {
      ...tagInputSchema.parse({ name: "Out of focus", color: "#aa0000" }),
      id: blurry.value.id,
    });
    expect(renamed.ok && renamed.value).toMatchObject({ name: "Out of focus", kind: "label", hotkey: null });
    expect((await listTags(db)).map((tag) => tag.name)).toContain("Out of focus");
    expect((await deleteTag(db, blurry.value.id)).ok).toBe(true);
    expect((await deleteTag(db, blurry.value.id)).ok).toBe(false);
  });

  it("refuses hotkeys review mode owns and bad colours", () => {
    expect(tagInputSchema.safeParse({ name: "x", hotkey: "a" }).success).toBe(false);
    expect(tagInputSchema.safeParse({ name: "x", color: "red" }).success).toBe(false);
    expect(tagInputSchema.parse({ name: " label ", hotkey: "", color: "" })).toEqual({
      name: "label",
      kind: "label",
      hotkey: null,
      color: null,
    });
  });

  it("labels images in bulk, once each", async () => {
    const actor = await insertTestReviewer(db);
    const [first, second] = await Promise.all([insertTestImage(db), insertTestImage(db)]);
    const tag = await saveTag(db, tagInputSchema.parse({ name: `keeper-${first}` }));
    if (!tag.ok) throw new Error("no tag");
    const added = await addImageTags(db, actor, { imageIds: [first, second], tagId: tag.value.id });
    expect(added.ok && added.value.added).toBe(2);
    const again = await addImageTags(db, actor, { imageIds: [first], tagId: tag.value.id });
    expect(again.ok && again.value.added).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { createTestContext } from "@/lib/testing/test-context";
import { applyCaptionTemplate } from "./apply-caption-template";
import { createDataset } from "./create-dataset";
import { ingestTestImages } from "./testing/ingest-test-images";
import { updateDatasetCaption } from "./update-dataset-caption";

const context = await createTestContext();
const { db } = context;

describe("updateDatasetCaption with expected_caption", () => {
  it("refuses a save from a box opened before Apply to all, naming the newer caption", async () => {
    const [image] = await ingestTestImages(context, 1);
    const created = await createDataset(db, { name: `stale-${Date.now()}`, image_ids: [image?.id ?? ""] });
    if (!created.ok) throw new Error(created.error.message);
    const target = { datasetId: created.value.id, imageId: image?.id ?? "" };
    const opened = await updateDatasetCaption(db, target, { caption: "a harbour" });
    expect(opened.ok).toBe(true);

    await applyCaptionTemplate(db, target.datasetId, {
      template: "ohwx, {caption}",
      hand_edited: "overwrite",
    });
    const stale = await updateDatasetCaption(db, target, {
      caption: "a harbour at noon",
      expected_caption: "a harbour",
    });
    expect(stale).toEqual({
      ok: false,
      error: {
        code: "conflict",
        message:
          "This caption was changed after you opened it; the box now shows the newer caption — edit that and save again",
        details: { caption: "ohwx, a harbour" },
      },
    });

    const fresh = await updateDatasetCaption(db, target, {
      caption: "ohwx, a harbour at noon",
      expected_caption: "ohwx, a harbour",
    });
    expect(fresh).toEqual({
      ok: true,
      value: { image_id: target.imageId, caption: "ohwx, a harbour at noon", change_id: expect.any(String) },
    });
  });
});

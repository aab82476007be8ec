import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { images } from "@/lib/db/schema";
import { createTestContext } from "@/lib/testing/test-context";
import { applyCaptionTemplate } from "./apply-caption-template";
import { createDataset } from "./create-dataset";
import { getDataset } from "./get-dataset";
import { listDatasets } from "./list-datasets";
import { removeDatasetImages } from "./remove-dataset-images";
import { ingestTestImages } from "./testing/ingest-test-images";
import { updateDatasetCaption } from "./update-dataset-caption";

const context = await createTestContext();
const { db } = context;
const [a, b, c, d] = await ingestTestImages(context, 4, { tags: ["portrait"], run: "night-1" });
const [other] = await ingestTestImages(context, 1, { model: "sdxl", run: "night-2" });
await db
  .update(images)
  .set({ reviewStatus: "approved" })
  .where(inArray(images.id, [a?.id ?? "", b?.id ?? "", other?.id ?? ""]));

describe("datasets", () => {
  it("creates a dataset from a saved filter, captions from prompts without LoRA tags", async () => {
    const created = await createDataset(db, {
      name: "approved-night-1",
      filter: { status: "approved", run: "night-1" },
    });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.image_count).toBe(2);
    const detail = await getDataset(db, "approved-night-1");
    if (!detail.ok) throw new Error(detail.error.message);
    expect(detail.value.filter).toEqual({ status: "approved", run: "night-1" });
    const byId = new Map(detail.value.images.map((image) => [image.image_id, image.caption]));
    expect(byId.get(a?.id ?? "")).toBe("a lighthouse at dusk");
    expect(byId.get(b?.id ?? "")).toBe("");

    const byModel = await createDataset(db, { name: "sdxl", filter: { model: "sdxl", tag: "portrait" } });
    expect(byModel.ok && byModel.value.image_count).toBe(0);
  });

  it("creates from ids, refuses unknown ids and duplicate names", async () => {
    const ids = [c?.id ?? "", d?.id ?? ""];
    const created = await createDataset(db, { name: "picked", image_ids: ids });
    expect(created.ok && created.value.image_count).toBe(2);
    expect(await createDataset(db, { name: "picked", image_ids: ids })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    const unknown = randomUUID();
    expect(await createDataset(db, { name: "bad", image_ids: [unknown] })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: "invalid_request", details: { image_ids: [unknown] } }),
    });
    // the failed create left no dataset behind
    expect((await listDatasets(db)).map((dataset) => dataset.name)).not.toContain("bad");
  });

  it("edits captions one by one and in bulk with a trigger-word template", async () => {
    const created = await createDataset(db, { name: "captions", image_ids: [a?.id ?? "", b?.id ?? ""] });
    if (!created.ok) throw new Error(created.error.message);
    const datasetId = created.value.id;
    const edited = await updateDatasetCaption(
      db,
      { datasetId, imageId: b?.id ?? "" },
      { caption: " a  quiet harbour " },
    );
    expect(edited).toEqual({
      ok: true,
      value: { image_id: b?.id, caption: "a quiet harbour", change_id: expect.any(String) },
    });
    expect(await applyCaptionTemplate(db, datasetId, { template: "{trigger}, {caption}" })).toMatchObject({
      ok: false,
      error: { code: "invalid_request" },
    });
    const applied = await applyCaptionTemplate(db, datasetId, {
      template: "{trigger}, {caption}",
      trigger: "ohwx",
      hand_edited: "overwrite",
    });
    expect(applied).toEqual({
      ok: true,
      value: {
        updated: 2,
        skipped_hand_edited: 0,
        change_id: expect.any(String),
        revision: expect.any(Number),
      },
    });
    const detail = await getDataset(db, datasetId);
    const captions = detail.ok ? detail.value.images.map((image) => image.caption).sort() : [];
    expect(captions).toEqual(["ohwx, a lighthouse at dusk", "ohwx, a quiet harbour"]);

    expect(await removeDatasetImages(db, datasetId, { image_ids: [b?.id ?? ""] })).toEqual({
      ok: true,
      value: { removed: 1, revision: expect.any(Number) },
    });
    const [listed] = (await listDatasets(db)).filter((dataset) => dataset.id === datasetId);
    expect(listed).toMatchObject({ image_count: 1, latest_version: null });
    expect(
      await db
        .select()
        .from(images)
        .where(eq(images.id, b?.id ?? "")),
    ).toHaveLength(1);
  });
});

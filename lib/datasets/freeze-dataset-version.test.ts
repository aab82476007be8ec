import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { images, imageTags, tags } from "@/lib/db/schema";
import { createTestContext } from "@/lib/testing/test-context";
import { createDataset } from "./create-dataset";
import { freezeDatasetVersion } from "./freeze-dataset-version";
import { getDatasetVersion } from "./get-dataset-version";
import { ingestTestImages } from "./testing/ingest-test-images";
import { updateDatasetCaption } from "./update-dataset-caption";

const context = await createTestContext();
const { db } = context;

describe("freezeDatasetVersion", () => {
  it("numbers versions 1, 2… and keeps each version's captions and snapshots as they were", async () => {
    const [first, second] = await ingestTestImages(context, 2);
    const [reason] = await db
      .insert(tags)
      .values({ name: "good hands", foldedName: "good hands", kind: "approve_reason" })
      .returning();
    await db.insert(imageTags).values({ imageId: first?.id ?? "", tagId: reason?.id ?? "" });
    await db
      .update(images)
      .set({ reviewStatus: "approved" })
      .where(eq(images.id, first?.id ?? ""));
    const created = await createDataset(db, {
      name: "frozen",
      image_ids: [first?.id ?? "", second?.id ?? ""],
    });
    if (!created.ok) throw new Error(created.error.message);
    const datasetId = created.value.id;

    expect(await freezeDatasetVersion(db, datasetId, { note: "first cut" })).toEqual({
      ok: true,
      value: { dataset_id: datasetId, version: 1, image_count: 2 },
    });
    await updateDatasetCaption(db, { datasetId, imageId: first?.id ?? "" }, { caption: "edited" });
    const v2 = await freezeDatasetVersion(db, datasetId, {});
    expect(v2.ok && v2.value.version).toBe(2);

    const v1 = await getDatasetVersion(db, "frozen", 1);
    if (!v1.ok) throw new Error(v1.error.message);
    const firstEntry = v1.value.entries.find((entry) => entry.imageId === first?.id);
    expect(firstEntry).toMatchObject({
      caption: "a lighthouse at dusk",
      fileName: `${first?.sha256.slice(0, 16)}.png`,
      snapshot: {
        prompt: "a lighthouse at dusk, <lora:film_grain:0.7>",
        seed: "1234567890",
        model: "dreamshaper_8",
        review_status: "approved",
        reasons: ["good hands"],
        loras: [expect.objectContaining({ name: "film_grain" })],
      },
    });
    expect(v1.value.entries.map((entry) => entry.sha256)).toEqual([first?.sha256, second?.sha256].sort());
    const latest = await getDatasetVersion(db, datasetId);
    expect(latest.ok && latest.value.entries.find((entry) => entry.imageId === first?.id)?.caption).toBe(
      "edited",
    );
    expect(await getDatasetVersion(db, datasetId, 9)).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });

    // FK restrict: a frozen image cannot be deleted out from under its version
    await expect(db.delete(images).where(eq(images.id, second?.id ?? ""))).rejects.toThrow();
  });

  it("refuses deleted images and empty datasets", async () => {
    const [image] = await ingestTestImages(context, 1);
    const created = await createDataset(db, { name: "with-deleted", image_ids: [image?.id ?? ""] });
    if (!created.ok) throw new Error(created.error.message);
    await db
      .update(images)
      .set({ deletedAt: new Date() })
      .where(eq(images.id, image?.id ?? ""));
    expect(await freezeDatasetVersion(db, created.value.id, {})).toMatchObject({
      ok: false,
      error: { code: "conflict", details: { image_ids: [image?.id] } },
    });
    const empty = await createDataset(db, { name: "empty", filter: { model: "nothing-like-this" } });
    expect(empty.ok && (await freezeDatasetVersion(db, empty.value.id, {}))).toMatchObject({
      ok: false,
      error: { code: "invalid_request" },
    });
  });
});

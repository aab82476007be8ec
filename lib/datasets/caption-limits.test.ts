import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { datasetImages } from "@/lib/db/schema";
import { ingestImage } from "@/lib/images/ingest/ingest-image";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { createTestContext } from "@/lib/testing/test-context";
import { applyCaptionTemplate } from "./apply-caption-template";
import { MAX_CAPTION_CHARS } from "./caption-from-prompt";
import { createDataset } from "./create-dataset";
import { freezeDatasetVersion } from "./freeze-dataset-version";
import { getDatasetVersion } from "./get-dataset-version";
import { ingestTestImages } from "./testing/ingest-test-images";
import { updateDatasetCaption } from "./update-dataset-caption";

const context = await createTestContext();
const { db } = context;
const deps = { db, storage: context.storage, limits: context.config.limits };
let datasetCount = 0;

async function datasetOf(imageIds: string[]) {
  const created = await createDataset(db, { name: `captions-${++datasetCount}`, image_ids: imageIds });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

const captionOf = async (datasetId: string) =>
  (
    await db
      .select({ caption: datasetImages.caption })
      .from(datasetImages)
      .where(eq(datasetImages.datasetId, datasetId))
  )[0]?.caption ?? "";

describe("one cap on captions, wherever one is made", () => {
  it("keeps a template that repeats {caption} 222 times from multiplying the caption", async () => {
    const [image] = await ingestTestImages(context, 1);
    const datasetId = await datasetOf([image?.id ?? ""]);
    await updateDatasetCaption(db, { datasetId, imageId: image?.id ?? "" }, { caption: "a harbour at dusk" });
    const template = "{caption}".repeat(222);
    expect(template.length).toBeLessThanOrEqual(2000);
    for (let round = 0; round < 3; round += 1) {
      expect((await applyCaptionTemplate(db, datasetId, { template, hand_edited: "overwrite" })).ok).toBe(
        true,
      );
      const caption = await captionOf(datasetId);
      expect(caption.length).toBeLessThanOrEqual(MAX_CAPTION_CHARS);
      expect(caption.startsWith("a harbour at duska harbour at dusk")).toBe(true);
    }
  });

  it("makes a caption of at most the cap from a 1 MB embedded prompt, in the dataset, a version and its export", async () => {
    const prompt = `${"a lighthouse at dusk, ".repeat(50_000)}\u{1F600}`;
    const bytes = await makeTestPng({ parameters: `${prompt}\nSteps: 20, Sampler: Euler, Seed: 1` });
    const ingested = await ingestImage(deps, { bytes, source: "api", metadata: {} });
    if (!ingested.ok) throw new Error(ingested.error.message);
    expect(ingested.value.image.prompt?.length).toBeGreaterThan(1_000_000);
    const datasetId = await datasetOf([ingested.value.image.id]);
    const caption = await captionOf(datasetId);
    expect(caption.length).toBeLessThanOrEqual(MAX_CAPTION_CHARS);
    expect(caption.length).toBeGreaterThan(MAX_CAPTION_CHARS - 30);
    expect(caption.startsWith("a lighthouse at dusk, a lighthouse")).toBe(true);

    await applyCaptionTemplate(db, datasetId, { template: "ohwx, {prompt}, {prompt}" });
    expect((await captionOf(datasetId)).length).toBeLessThanOrEqual(MAX_CAPTION_CHARS);
    // A caption saved before the cap (or by a template that could amplify) is cut when frozen and exported.
    await db
      .update(datasetImages)
      .set({ caption: "x".repeat(1_000_000) })
      .where(eq(datasetImages.datasetId, datasetId));
    const frozen = await freezeDatasetVersion(db, datasetId, {});
    if (!frozen.ok) throw new Error(frozen.error.message);
    const version = await getDatasetVersion(db, datasetId, frozen.value.version);
    if (!version.ok) throw new Error(version.error.message);
    expect(version.value.entries.map((entry) => entry.caption.length)).toEqual([MAX_CAPTION_CHARS]);
  });

  it("refuses an edited caption over the cap, naming the field", async () => {
    const [image] = await ingestTestImages(context, 1);
    const datasetId = await datasetOf([image?.id ?? ""]);
    const { updateDatasetCaptionSchema } = await import("./update-dataset-caption");
    const parsed = updateDatasetCaptionSchema.safeParse({ caption: "x".repeat(MAX_CAPTION_CHARS + 1) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(`a caption holds at most ${MAX_CAPTION_CHARS} characters`);
    expect(await captionOf(datasetId)).not.toHaveLength(MAX_CAPTION_CHARS + 1);
  });
});

import { createHash, randomBytes } from "node:crypto";
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDataset } from "@/lib/datasets/create-dataset";
import { freezeDatasetVersion } from "@/lib/datasets/freeze-dataset-version";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { images, imageTrainedModels } from "@/lib/db/schema";
import { ingestImage } from "@/lib/images/ingest/ingest-image";
import type { IngestMetadata } from "@/lib/images/ingest/ingest-metadata";
import { countImages } from "@/lib/images/selection/count-images";
import type { ImageFilter } from "@/lib/images/selection/image-filter";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { linkImageToTrainedModels } from "@/lib/images/trained-model-links";
import { loadLibraryStats } from "@/lib/insights/load-library-stats";
import { runExperiment } from "@/lib/insights/run-experiment";
import { libraryStatsQuerySchema } from "@/lib/insights/stats-input";
import { createTestContext } from "@/lib/testing/test-context";
import { compareDatasetVersions } from "./compare-dataset-versions";
import { deleteTrainedModel } from "./delete-trained-model";
import { listImageLineage } from "./list-image-lineage";
import {
  type RegisterTrainedModelInput,
  registerTrainedModel,
  registerTrainedModelSchema,
} from "./register-trained-model";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const sha256Of = (text: string) => createHash("sha256").update(text).digest("hex");
const rowValues = () => {
  const sha256 = hex(32);
  return {
    sha256,
    bucket: "test",
    objectKey: `originals/${sha256.slice(0, 2)}/${sha256}.png`,
    contentType: "image/png",
    byteSize: 100,
    width: 64,
    height: 48,
    source: "api" as const,
  };
};

/** An A1111 infotext, as the webui writes it: prompt with LoRA tags, then one settings line. */
function infotext(options: { loras?: string[]; settings?: string[] }): string {
  const tags = (options.loras ?? []).map((name) => `<lora:${name}:0.8>`).join(" ");
  const settings = ["Steps: 20", "Sampler: Euler a", "CFG scale: 7", "Seed: 1", "Size: 64x48"];
  return `a portrait ${tags}\nNegative prompt: blurry\n${[...settings, ...(options.settings ?? [])].join(", ")}`;
}

async function ingest(parameters: string | null, metadata: IngestMetadata = {}): Promise<string> {
  const bytes = await makeTestPng(parameters ? { parameters } : {});
  const result = await ingestImage(deps, { bytes, metadata, source: "api" });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.image.id;
}

async function frozenVersions(name: string, count: number): Promise<string> {
  const [member] = await ingestTestImages(context, 1);
  const dataset = await createDataset(context.db, { name, image_ids: [member?.id ?? ""] });
  if (!dataset.ok) throw new Error(dataset.error.message);
  for (let version = 0; version < count; version += 1)
    await freezeDatasetVersion(context.db, dataset.value.id, {});
  return dataset.value.id;
}

async function register(input: Partial<RegisterTrainedModelInput> & { name: string; dataset: string }) {
  const parsed = registerTrainedModelSchema.parse({ kind: "lora", version: 1, ...input });
  const result = await registerTrainedModel(context.db, parsed);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function linksOf(imageIds: string[]): Promise<Record<string, string[]>> {
  const rows = await context.db
    .select()
    .from(imageTrainedModels)
    .where(inArray(imageTrainedModels.imageId, imageIds));
  const links: Record<string, string[]> = Object.fromEntries(imageIds.map((id) => [id, []]));
  for (const row of rows) links[row.imageId]?.push(`${row.trainedModelId}:${row.matchedBy}`);
  for (const list of Object.values(links)) list.sort();
  return links;
}

describe("the loop from a dataset version to a trained model to its images", () => {
  it("links images by every hash form, by Civitai id and by file name, stored before and after registration", async () => {
    const dataset = await frozenVersions("faces", 2);
    const v1 = { sha256: hex(32), autov3: hex(6) };
    const v2 = { sha256: hex(32), autov3: hex(6) };
    const base = { sha256: hex(32), autov1: hex(4) };
    // Stored before any registration: these are linked when the models are registered.
    const before = {
      v1ByLoraHash: await ingest(
        infotext({ loras: ["myface"], settings: [`Lora hashes: "myface: ${v1.autov3}"`] }),
      ),
      v2ByLoraHash: await ingest(
        infotext({ loras: ["myface"], settings: [`Lora hashes: "myface: ${v2.autov3}"`] }),
      ),
      // Same file name as v1, but a hash of another file: a LoRA v1 is not.
      otherFile: await ingest(
        infotext({ loras: ["myface"], settings: [`Lora hashes: "myface: ${hex(6)}"`] }),
      ),
      v1ByName: await ingest(infotext({ loras: ["loras/MyFace.safetensors"] })),
      baseByAutoV2: await ingest(
        infotext({ settings: [`Model hash: ${base.sha256.slice(0, 10).toUpperCase()}`] }),
      ),
      baseByAutoV1: await ingest(infotext({ settings: [`Model hash: ${base.autov1}`] })),
      v2ByCivitaiHashes: await ingest(
        infotext({ settings: [`Hashes: {"model": "${hex(5)}", "lora:face": "${v2.sha256.slice(0, 10)}"}`] }),
      ),
      civitaiResource: await ingest(
        infotext({
          settings: [
            'Civitai resources: [{"type":"lora","weight":0.8,"modelVersionId":424242,"modelName":"Snake"}]',
          ],
        }),
      ),
      unrelated: await ingest(infotext({ loras: ["someone_else"] })),
    };
    const modelV1 = await register({ name: "myface v1", dataset, file_name: "myface.safetensors", ...v1 });
    const modelV2 = await register({
      name: "myface v2",
      dataset,
      version: 2,
      sha256: v2.sha256,
      autov3: v2.autov3,
    });
    const checkpoint = await register({ name: "base", dataset, kind: "checkpoint", ...base });
    const snake = await register({ name: "snake", dataset, version: 2, civitai_version_id: 424242 });
    expect(modelV1).toMatchObject({
      version: 1,
      autov2: v1.sha256.slice(0, 10),
      match_key: "myface",
      linked_images: 2,
    });
    expect(modelV2.linked_images).toBe(2);
    expect(checkpoint.linked_images).toBe(2);
    expect(snake.linked_images).toBe(1);

    // Stored after registration: linked as they are stored, and by what the client posted too.
    const after = {
      v1ByPostedHash: await ingest(null, { loras: [{ name: "renamed", weight: 1, hash: `0x${v1.autov3}` }] }),
      v2ByFullSha: await ingest(infotext({ loras: ["x"], settings: [`Lora hashes: "x: ${v2.sha256}"`] })),
      v1ByName: await ingest(infotext({ loras: ["myface"] })),
      snakeByAir: await ingest(null, { loras: [{ name: "urn:air:sdxl:lora:civitai:1@424242", weight: 1 }] }),
    };
    const links = await linksOf([...Object.values(before), ...Object.values(after)]);
    expect(links).toEqual({
      [before.v1ByLoraHash]: [`${modelV1.id}:hash`],
      [before.v2ByLoraHash]: [`${modelV2.id}:hash`],
      [before.otherFile]: [],
      [before.v1ByName]: [`${modelV1.id}:key`],
      [before.baseByAutoV2]: [`${checkpoint.id}:hash`],
      [before.baseByAutoV1]: [`${checkpoint.id}:hash`],
      [before.v2ByCivitaiHashes]: [`${modelV2.id}:hash`],
      [before.civitaiResource]: [`${snake.id}:civitai`],
      [before.unrelated]: [],
      [after.v1ByPostedHash]: [`${modelV1.id}:hash`],
      [after.v2ByFullSha]: [`${modelV2.id}:hash`],
      [after.v1ByName]: [`${modelV1.id}:key`],
      [after.snakeByAir]: [`${snake.id}:civitai`],
    });
    expect(await listImageLineage(context.db, before.v2ByLoraHash)).toEqual([
      {
        model: { id: modelV2.id, name: "myface v2", kind: "lora" },
        dataset: { id: dataset, name: "faces" },
        version: 2,
        matched_by: "hash",
      },
    ]);
    expect(await deleteTrainedModel(context.db, snake.id)).toEqual({ ok: true, value: { id: snake.id } });
    expect((await linksOf([after.snakeByAir]))[after.snakeByAir]).toEqual([]);
  });

  it("refuses a registration nothing could link, a second file name of a kind, and unknown versions", async () => {
    const dataset = await frozenVersions("refusals", 1);
    const parse = (input: Record<string, unknown>) =>
      registerTrainedModelSchema.safeParse({ name: "m", kind: "lora", dataset, version: 1, ...input });
    expect(parse({}).error?.issues[0]?.message).toMatch(/at least one of sha256/);
    expect(parse({ file_name: ".safetensors" }).success).toBe(false);
    expect(parse({ sha256: "xyz" }).error?.issues[0]).toMatchObject({ path: ["sha256"] });
    expect(parse({ sha256: "a".repeat(64), autov2: "b".repeat(10) }).error?.issues[0]).toMatchObject({
      path: ["autov2"],
    });
    expect(parse({ autov3: `0X${"AB".repeat(32)}` }).data?.autov3).toBe("ab".repeat(6));
    await register({ name: "first", dataset, file_name: "shared.safetensors" });
    const second = await registerTrainedModel(
      context.db,
      registerTrainedModelSchema.parse({
        name: "second",
        kind: "lora",
        dataset,
        version: 1,
        file_name: "Shared",
      }),
    );
    expect(second).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringMatching(/file name/) },
    });
    const missing = await registerTrainedModel(
      context.db,
      registerTrainedModelSchema.parse({
        name: "third",
        kind: "lora",
        dataset,
        version: 9,
        autov1: "12345678",
      }),
    );
    expect(missing).toMatchObject({
      ok: false,
      error: { code: "not_found", message: "Dataset refusals has no version 9" },
    });
  });

  it("never misses an image stored while its model is being registered (registration vs ingest)", async () => {
    const dataset = await frozenVersions("racing", 1);
    for (let round = 0; round < 5; round += 1) {
      const sha256 = sha256Of(`race ${round} ${hex(4)}`);
      const parameters = infotext({ settings: [`Model hash: ${sha256.slice(0, 10)}`] });
      const [registered, ...ingested] = await Promise.all([
        register({ name: `race ${round}`, dataset, kind: "checkpoint", sha256 }),
        ...Array.from({ length: 4 }, () => ingest(parameters)),
      ]);
      const links = await linksOf(ingested as string[]);
      expect(Object.values(links), `round ${round}`).toEqual(
        ingested.map(() => [`${(registered as { id: string }).id}:hash`]),
      );
    }
  });

  it("links an image whose ingest commits while the registration runs (the registration waits for it)", async () => {
    const dataset = await frozenVersions("interleaved", 1);
    for (let round = 0; round < 3; round += 1) {
      const sha256 = sha256Of(`interleaved ${round} ${hex(4)}`);
      let registration: Promise<unknown> = Promise.resolve();
      const imageId = await context.db.transaction(async (tx) => {
        // An ingest's commit transaction: the row and its links are written, the commit has not happened yet.
        const [row] = await tx
          .insert(images)
          .values({ ...rowValues(), model: "base", modelKey: "base", modelHash: sha256.slice(0, 10) })
          .returning({ id: images.id });
        await linkImageToTrainedModels(tx, row?.id ?? "", { replace: false });
        registration = register({ name: `interleaved ${round}`, dataset, kind: "checkpoint", sha256 });
        // Long enough for a registration that does not wait to finish before this commit.
        await new Promise((resolve) => setTimeout(resolve, 300));
        return row?.id ?? "";
      });
      const model = (await registration) as { id: string };
      expect((await linksOf([imageId]))[imageId], `round ${round}`).toEqual([`${model.id}:hash`]);
    }
  });

  it("compares dataset versions by how the images of their models are judged, with Wilson intervals", async () => {
    const dataset = await frozenVersions("compare", 2);
    const [v3Lora, v4Lora] = [hex(6), hex(6)];
    const made = async (hash: string, count: number) =>
      Promise.all(
        Array.from({ length: count }, () =>
          ingest(infotext({ loras: ["p"], settings: [`Lora hashes: "p: ${hash}"`] })),
        ),
      );
    const older = await made(v3Lora, 4);
    const newer = await made(v4Lora, 10);
    const older2 = await register({ name: "portrait v1", dataset, autov3: v3Lora });
    const newer2 = await register({ name: "portrait v2", dataset, version: 2, autov3: v4Lora });
    const setStatus = (ids: string[], reviewStatus: "approved" | "rejected") =>
      context.db.update(images).set({ reviewStatus }).where(inArray(images.id, ids));
    await setStatus(older.slice(0, 1), "approved");
    await setStatus(older.slice(1, 3), "rejected");
    await setStatus(newer.slice(0, 8), "approved");
    await setStatus(newer.slice(8, 9), "rejected");
    const compared = await compareDatasetVersions(context.db, "compare");
    if (!compared.ok) throw new Error(compared.error.message);
    const [first, second] = compared.value.versions;
    expect(first).toMatchObject({ version: 1, images: 4, approved: 1, rejected: 2, approval_rate: 1 / 3 });
    expect(first?.models).toMatchObject([{ id: older2.id, name: "portrait v1", images: 4 }]);
    expect(second).toMatchObject({ version: 2, images: 10, approved: 8, rejected: 1, approval_rate: 8 / 9 });
    expect(second?.approval_interval?.low).toBeCloseTo(0.565, 2);
    expect(second?.models[0]?.id).toBe(newer2.id);

    // The experiment by "trained on dataset version" shows the same figures, and each row links to its images.
    const experiment = await runExperiment(context.db, { parameter: "trained_on", limit: 50 });
    if (!experiment.ok) throw new Error(experiment.error.message);
    const rows = experiment.value.rows.filter((row) => row.label.startsWith("compare "));
    expect(rows.map((row) => [row.label, row.approved, row.rejected])).toEqual([
      ["compare v2", 8, 1],
      ["compare v1", 1, 2],
    ]);
    expect(rows[0]?.approval_interval).toEqual(second?.approval_interval);
    expect(rows[0]?.filter).toEqual({ trained_on: second?.dataset_version_id });
    // /stats groups by it too, with the same interval.
    const stats = await loadLibraryStats(context.db, libraryStatsQuerySchema.parse({ top: 200 }));
    if (!stats.ok) throw new Error(stats.error.message);
    const trainedOn = stats.value.by_trained_on.find((group) => group.key === second?.dataset_version_id);
    expect(trainedOn).toMatchObject({ name: "compare v2", images: 10, approved: 8, rejected: 1 });
    expect(trainedOn?.approval_interval).toEqual(second?.approval_interval);
    const selected = (filter: ImageFilter) => countImages(context.db, { filter, viewerId: "" });
    expect(await selected({ trained_on: second?.dataset_version_id })).toEqual({ count: 10, capped: false });
    expect(await selected({ trained_model: "portrait v1" })).toEqual({ count: 4, capped: false });
  });
});

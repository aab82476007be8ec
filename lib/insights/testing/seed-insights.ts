import { randomBytes } from "node:crypto";
import { recordCritiques } from "@/lib/critics/record-critiques";
import type { Database } from "@/lib/db/client";
import { datasetImages, datasets, images, imageVariants, reviewEvents, runs } from "@/lib/db/schema";
import { modelKey, samplerKey } from "@/lib/metadata/model-key";
import { insertTestReviewer } from "@/lib/review/testing/review-fixtures";

const STATUSES = ["approved", "approved", "rejected", "unreviewed", "skipped", "conflicting"] as const;
const MODELS = ["SDXL/sd_xl_base_1.0.safetensors", "sd_xl_base_1.0", "flux1-dev.safetensors", "Pony v6"];
const SAMPLERS = ["Euler a", "euler_ancestral", "DPM++ 2M Karras", null];
const DAY_MS = 86_400_000;

/**
 * A library of `count` images spread over models (two spellings of one), samplers, steps, CFG, LoRAs and their
 * weights, runs, statuses, scores, sizes and the last ten days, with variants, a dataset, review decisions and
 * critiques from two critics: varied enough that a wrong GROUP BY or filter shows. Returns the run and prompt word.
 */
export async function seedInsightsLibrary(db: Database, count: number, tag = randomBytes(3).toString("hex")) {
  const reviewer = await insertTestReviewer(db);
  const [run] = await db
    .insert(runs)
    .values({ name: `run-${tag}` })
    .returning({ id: runs.id });
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => {
    const sha256 = randomBytes(32).toString("hex");
    const model = MODELS[i % MODELS.length] ?? null;
    const sampler = SAMPLERS[i % SAMPLERS.length] ?? null;
    const loras = i % 3 === 0 ? [] : [{ name: "film-grain", weight: i % 2 ? 0.8 : 1 }];
    if (i % 5 === 0) loras.push({ name: "Detail Tweaker", weight: 0.5 });
    return {
      sha256,
      bucket: "test",
      objectKey: `originals/${sha256.slice(0, 2)}/${sha256}.png`,
      contentType: "image/png",
      byteSize: 1000 + i * 37,
      width: 64,
      height: 48,
      source: "api" as const,
      generator: i % 4 === 0 ? ("a1111" as const) : ("comfyui" as const),
      prompt: i % 2 ? `a lighthouse ${tag} at dusk` : "a cat",
      model,
      modelKey: modelKey(model),
      sampler,
      samplerKey: samplerKey(sampler),
      scheduler: i % 2 ? "Karras" : "normal",
      steps: 20 + (i % 3) * 10,
      cfgScale: i % 2 ? 7 : 5.5,
      loras: loras.map((lora) => ({ ...lora, key: modelKey(lora.name) ?? "" })),
      params: { generator_version: i % 2 ? "1.9.0" : "1.10.1" },
      runId: i % 2 ? (run?.id ?? null) : null,
      reviewStatus: STATUSES[i % STATUSES.length] ?? "unreviewed",
      scoreAvg: i % 4 === 3 ? null : 1 + (i % 5),
      createdAt: new Date(now - (i % 10) * DAY_MS - i * 1000),
      deletedAt: i % 11 === 10 ? new Date() : null,
    };
  });
  const inserted = await db.insert(images).values(rows).returning({ id: images.id });
  const ids = inserted.map((row) => row.id);
  await db.insert(imageVariants).values(
    ids.map((imageId, i) => ({
      imageId,
      name: "thumb" as const,
      objectKey: `variants/${tag}/${i}.webp`,
      contentType: "image/webp",
      width: 32,
      height: 24,
      byteSize: 100 + i,
    })),
  );
  const [dataset] = await db
    .insert(datasets)
    .values({ name: `set-${tag}` })
    .returning({ id: datasets.id });
  if (dataset) {
    await db
      .insert(datasetImages)
      .values(ids.slice(0, 7).map((imageId) => ({ datasetId: dataset.id, imageId })));
  }
  await db.insert(reviewEvents).values(
    ids.slice(0, 12).map((imageId, i) => ({
      imageId,
      reviewerId: reviewer.id,
      action: "decide" as const,
      decision: i % 3 ? ("approve" as const) : ("reject" as const),
      createdAt: new Date(now - (i % 3) * DAY_MS),
    })),
  );
  const critiqued = ids.flatMap((imageId, i) =>
    ["sharp", "aesthetic"].map((critic, c) => ({
      imageId,
      critic,
      critic_version: "1",
      score: ((i * 7 + c * 3) % 10) / 10,
      scale: "0-1" as const,
      reasons: [],
      raw: {},
    })),
  );
  await recordCritiques(db, null, critiqued);
  return { ids, runId: run?.id ?? "", reviewer, word: tag };
}

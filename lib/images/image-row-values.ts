import "server-only";
import type { images } from "@/db/schema";
import type { MergedMetadata } from "./ingest-metadata";

type ImageInsert = typeof images.$inferInsert;

/** The generation fields of an image row, from what was posted merged with what the file embeds. */
export function generationColumns(merged: MergedMetadata, rawMetadata: Record<string, string>) {
  return {
    generator: merged.generator as ImageInsert["generator"],
    prompt: merged.prompt,
    negativePrompt: merged.negativePrompt,
    seed: merged.seed,
    model: merged.model,
    modelVersion: merged.modelVersion,
    modelHash: merged.modelHash,
    sampler: merged.sampler,
    scheduler: merged.scheduler,
    steps: merged.steps,
    cfgScale: merged.cfgScale,
    loras: merged.loras,
    params: merged.params,
    workflow: merged.workflow,
    rawMetadata,
  } satisfies Partial<ImageInsert>;
}

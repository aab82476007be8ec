import { z } from "zod";
import { GENERATORS, type Generator, isGenerator } from "@/lib/enums/generators";
import type { ImageSource } from "@/lib/enums/image-enums";
import type { GenerationMetadata } from "@/lib/metadata/types";
import { storableJsonObject, storableString } from "@/lib/zod/storable";

const text = (max: number) => storableString().max(max);
const SEED_MESSAGE = "seed must be an integer from 0 to 2^64-1 (send seeds above 2^53 as strings)";
const loraSchema = z.object({
  name: text(500).min(1),
  weight: z.number().finite().nullable().default(null),
  hash: text(200).optional(),
});

/** The `metadata` JSON part of an upload: what the generator says about the image. Wins over embedded values. */
export const ingestMetadataSchema = z
  .object({
    prompt: text(100_000),
    negative_prompt: text(100_000),
    // A number up to 2^53, or a decimal string for larger seeds (ComfyUI seeds reach 2^64-1).
    seed: z.union(
      [
        z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
        z
          .string()
          .regex(/^\d{1,20}$/, { abort: true })
          .refine((value) => BigInt(value) < 2n ** 64n),
      ],
      { error: SEED_MESSAGE },
    ),
    model: text(500),
    model_version: text(200),
    model_hash: text(200),
    sampler: text(200),
    scheduler: text(200),
    steps: z.number().int("steps must be an integer").min(0).max(10_000),
    cfg_scale: z.number().finite().min(0).max(100),
    loras: z.array(loraSchema).max(100),
    run: z.union([z.uuid(), text(200).min(1)]),
    tags: z.array(text(100).trim().min(1)).max(100),
    params: storableJsonObject(),
    workflow: storableJsonObject(),
    generator: z.enum(GENERATORS),
  })
  .partial()
  .strict();

export type IngestMetadata = z.output<typeof ingestMetadataSchema>;

export type MergedMetadata = {
  generator: Generator | null;
  prompt: string | null;
  negativePrompt: string | null;
  seed: string | null;
  model: string | null;
  modelVersion: string | null;
  modelHash: string | null;
  sampler: string | null;
  scheduler: string | null;
  steps: number | null;
  cfgScale: number | null;
  loras: { name: string; weight: number | null; hash?: string }[];
  params: Record<string, unknown>;
  workflow: unknown;
  /** What was posted, kept with the row so a re-parse of the file can let it win again. */
  posted: IngestMetadata;
};

/** Field by field, what the request says wins; embedded values fill the rest. */
export function mergeMetadata(explicit: IngestMetadata, embedded: GenerationMetadata): MergedMetadata {
  const embeddedGenerator =
    embedded.generator === null ? null : isGenerator(embedded.generator) ? embedded.generator : "other";
  const embeddedExtras = Object.fromEntries(
    Object.entries({
      vae: embedded.vae,
      clip_skip: embedded.clipSkip,
      denoise: embedded.denoise,
      hires: embedded.hires,
      generator_version: embedded.generatorVersion,
      embedded_generator: embedded.generator,
    }).filter(([, value]) => value !== null && value !== undefined),
  );
  return {
    generator: explicit.generator ?? embeddedGenerator,
    prompt: explicit.prompt ?? embedded.prompt,
    negativePrompt: explicit.negative_prompt ?? embedded.negativePrompt,
    seed: explicit.seed !== undefined ? String(explicit.seed) : normaliseSeed(embedded.seed),
    model: explicit.model ?? embedded.model,
    modelVersion: explicit.model_version ?? embedded.modelVersion,
    modelHash: explicit.model_hash ?? embedded.modelHash,
    sampler: explicit.sampler ?? embedded.sampler,
    scheduler: explicit.scheduler ?? embedded.scheduler,
    steps: explicit.steps ?? embedded.steps,
    cfgScale: explicit.cfg_scale ?? embedded.cfgScale,
    loras: explicit.loras ?? embedded.loras,
    params: { ...embedded.params, ...embeddedExtras, ...explicit.params },
    workflow: explicit.workflow ?? embedded.workflow ?? null,
    posted: explicit,
  };
}

/** Embedded seeds come from anything; keep only what fits the column (0..2^64-1). */
function normaliseSeed(seed: string | null): string | null {
  if (seed === null || !/^\d{1,20}$/.test(seed)) return null;
  return BigInt(seed) < 2n ** 64n ? seed : null;
}

/** What one ingest is given: the bytes, their meaning as sent, and where they came from (ingest-image.ts). */
export type IngestInput = {
  bytes: Uint8Array;
  /** The sha256 (hex) of `bytes`, when the caller has hashed them already (the multipart reader, the importer). */
  sha256?: string;
  /**
   * The caller looked the sha256 up just now and found no row (the importer): the early duplicate check is skipped.
   * The check under the claim still runs, so a row that appeared meanwhile is still answered as the duplicate.
   */
  isKnownNew?: boolean;
  metadata: IngestMetadata;
  source: ImageSource;
  addedBy?: string | null;
};

import { emptyGenerationMetadata, type GenerationMetadata } from "../types";
import { parseSize, toInteger, toNumber, toSeed, toText } from "../values";

/** Hugging Face Space / diffusers apps: the pipeline's own argument names, plus the app's labels. */
const KEYS = {
  prompt: ["prompt"],
  negativePrompt: ["negative_prompt"],
  seed: ["seed"],
  steps: ["num_inference_steps"],
  cfgScale: ["guidance_scale"],
  sampler: ["sampler", "scheduler"],
  model: ["Model", "model", "model_id", "pretrained_model_name_or_path"],
  modelHash: ["Model hash", "model_hash"],
  width: ["width"],
  height: ["height"],
  resolution: ["resolution"],
} as const;

/** Diffusers argument names without Easy Diffusion's `use_*` keys (those are Easy Diffusion's own). */
export function isDiffusersDocument(document: Record<string, unknown>): boolean {
  return "prompt" in document && ("num_inference_steps" in document || "guidance_scale" in document);
}

/** Generator "other" (no enum value of its own); `params.writer` says "diffusers". */
export function parseDiffusers(document: Record<string, unknown>): GenerationMetadata {
  const metadata = emptyGenerationMetadata();
  metadata.generator = "other";
  const read = (names: readonly string[]) =>
    names.map((name) => document[name]).find((value) => value !== undefined);
  const size = parseSize(read(KEYS.resolution));
  metadata.prompt = toText(read(KEYS.prompt));
  metadata.negativePrompt = toText(read(KEYS.negativePrompt));
  metadata.seed = toSeed(read(KEYS.seed));
  metadata.steps = toInteger(read(KEYS.steps));
  metadata.cfgScale = toNumber(read(KEYS.cfgScale));
  metadata.sampler = toText(read(KEYS.sampler));
  metadata.model = toText(read(KEYS.model));
  metadata.modelHash = toText(read(KEYS.modelHash));
  metadata.width = toInteger(read(KEYS.width)) ?? size?.[0] ?? null;
  metadata.height = toInteger(read(KEYS.height)) ?? size?.[1] ?? null;
  metadata.params.writer = "diffusers";
  const known = new Set<string>(Object.values(KEYS).flat());
  for (const [key, value] of Object.entries(document)) if (!known.has(key)) metadata.params[key] = value;
  return metadata;
}

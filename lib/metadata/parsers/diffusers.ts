import type { GenerationMetadata } from "../types";
import { parseSize } from "../values";
import { readKeyedDocument } from "./keyed-document";

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
} as const;
const RESOLUTION = ["resolution"] as const;

/** Diffusers argument names without Easy Diffusion's `use_*` keys (those are Easy Diffusion's own). */
export function isDiffusersDocument(document: Record<string, unknown>): boolean {
  return "prompt" in document && ("num_inference_steps" in document || "guidance_scale" in document);
}

/** Generator "other" (no enum value of its own); `params.writer` says "diffusers". */
export function parseDiffusers(document: Record<string, unknown>): GenerationMetadata {
  const { metadata, read } = readKeyedDocument(document, KEYS, { resolution: RESOLUTION });
  metadata.generator = "other";
  const size = parseSize(read(RESOLUTION));
  metadata.width ??= size?.[0] ?? null;
  metadata.height ??= size?.[1] ?? null;
  metadata.params.writer = "diffusers";
  return metadata;
}

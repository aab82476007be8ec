import type { GenerationMetadata, LoraRef } from "../types";
import { toNumber, toText } from "../values";
import { readKeyedDocument } from "./keyed-document";

/** Easy Diffusion writes snake_case keys (one PNG text chunk each, or JSON) or, in some versions, labels. */
const KEYS = {
  prompt: ["prompt", "Prompt"],
  negativePrompt: ["negative_prompt", "Negative Prompt"],
  seed: ["seed", "Seed"],
  model: ["use_stable_diffusion_model", "Stable Diffusion model"],
  sampler: ["sampler_name", "Sampler"],
  steps: ["num_inference_steps", "Steps"],
  cfgScale: ["guidance_scale", "Guidance Scale"],
  width: ["width", "Width"],
  height: ["height", "Height"],
  clipSkip: ["clip_skip", "Clip Skip"],
  denoise: ["prompt_strength", "Prompt Strength"],
  generatorVersion: ["version", "Version"],
} as const;
const OWN_KEYS = {
  vae: ["use_vae_model", "VAE model"],
  lora: ["use_lora_model", "LoRA model"],
  loraWeight: ["lora_alpha", "LoRA Strength"],
} as const;

export function isEasyDiffusionDocument(document: Record<string, unknown>): boolean {
  // num_inference_steps alone is any diffusers app (diffusers.ts); Easy Diffusion always names its model.
  return ["use_stable_diffusion_model", "Stable Diffusion model"].some((key) => key in document);
}

export function parseEasyDiffusion(document: Record<string, unknown>): GenerationMetadata {
  const { metadata, read } = readKeyedDocument(document, KEYS, OWN_KEYS);
  metadata.generator = "easydiffusion";
  metadata.vae = toText(read(OWN_KEYS.vae)) || null;
  metadata.loras = readLoras(read(OWN_KEYS.lora), read(OWN_KEYS.loraWeight));
  return metadata;
}

/** One LoRA, or parallel lists (newer versions allow several, comma-separated or as arrays). */
function readLoras(names: unknown, weights: unknown): LoraRef[] {
  const nameList = Array.isArray(names) ? names : (toText(names) ?? "").split(",");
  const weightList = Array.isArray(weights) ? weights : (toText(weights) ?? "").split(",");
  return nameList.flatMap((name, index) => {
    const loraName = toText(name)?.trim();
    return loraName ? [{ name: loraName, weight: toNumber(weightList[index]) }] : [];
  });
}

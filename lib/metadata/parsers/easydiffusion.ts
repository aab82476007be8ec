import { emptyGenerationMetadata, type GenerationMetadata, type LoraRef } from "../types";
import { toInteger, toNumber, toSeed, toText } from "../values";

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
  vae: ["use_vae_model", "VAE model"],
  denoise: ["prompt_strength", "Prompt Strength"],
  lora: ["use_lora_model", "LoRA model"],
  loraWeight: ["lora_alpha", "LoRA Strength"],
  version: ["version", "Version"],
} as const;

export function isEasyDiffusionDocument(document: Record<string, unknown>): boolean {
  // num_inference_steps alone is any diffusers app (diffusers.ts); Easy Diffusion always names its model.
  return ["use_stable_diffusion_model", "Stable Diffusion model"].some((key) => key in document);
}

export function parseEasyDiffusion(document: Record<string, unknown>): GenerationMetadata {
  const metadata = emptyGenerationMetadata();
  metadata.generator = "easydiffusion";
  const read = (names: readonly string[]) =>
    names.map((name) => document[name]).find((value) => value !== undefined);
  metadata.prompt = toText(read(KEYS.prompt));
  metadata.negativePrompt = toText(read(KEYS.negativePrompt));
  metadata.seed = toSeed(read(KEYS.seed));
  metadata.model = toText(read(KEYS.model));
  metadata.sampler = toText(read(KEYS.sampler));
  metadata.steps = toInteger(read(KEYS.steps));
  metadata.cfgScale = toNumber(read(KEYS.cfgScale));
  metadata.width = toInteger(read(KEYS.width));
  metadata.height = toInteger(read(KEYS.height));
  metadata.clipSkip = toInteger(read(KEYS.clipSkip));
  metadata.vae = toText(read(KEYS.vae)) || null;
  metadata.denoise = toNumber(read(KEYS.denoise));
  metadata.generatorVersion = toText(read(KEYS.version));
  metadata.loras = readLoras(read(KEYS.lora), read(KEYS.loraWeight));
  const known = new Set<string>(Object.values(KEYS).flat());
  for (const [key, value] of Object.entries(document)) if (!known.has(key)) metadata.params[key] = value;
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

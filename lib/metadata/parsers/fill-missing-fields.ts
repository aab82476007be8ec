import type { GenerationMetadata } from "../types";

const SCALAR_FIELDS = [
  "generatorVersion",
  "prompt",
  "negativePrompt",
  "seed",
  "steps",
  "sampler",
  "scheduler",
  "cfgScale",
  "width",
  "height",
  "model",
  "modelHash",
  "modelVersion",
  "vae",
  "clipSkip",
  "denoise",
  "hires",
] as const satisfies readonly (keyof GenerationMetadata)[];

/**
 * Fills what the primary reading left empty from a secondary one: a ComfyUI graph is what ran,
 * but the A1111 text a saver writes beside it carries hashes and resolves custom nodes we cannot.
 */
export function fillMissingFields(
  primary: GenerationMetadata,
  secondary: GenerationMetadata,
): GenerationMetadata {
  const merged: GenerationMetadata = { ...primary, params: { ...secondary.params, ...primary.params } };
  for (const field of SCALAR_FIELDS) {
    if (merged[field] === null) Object.assign(merged, { [field]: secondary[field] });
  }
  if (merged.loras.length === 0) {
    merged.loras = secondary.loras;
  } else {
    merged.loras = merged.loras.map((lora) => {
      const hash = secondary.loras.find((other) => lora.name.startsWith(other.name) && other.hash)?.hash;
      return hash && !lora.hash ? { ...lora, hash } : lora;
    });
  }
  return merged;
}

/** Takes these fields from a secondary reading wherever it has them; the rest of the primary stays. */
export function preferFields(
  primary: GenerationMetadata,
  secondary: GenerationMetadata,
  fields: readonly string[],
): GenerationMetadata {
  const merged: GenerationMetadata = { ...primary };
  for (const field of SCALAR_FIELDS) {
    if (fields.includes(field) && secondary[field] !== null)
      Object.assign(merged, { [field]: secondary[field] });
  }
  return merged;
}

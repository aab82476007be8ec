import { emptyGenerationMetadata, type GenerationMetadata, type LoraRef } from "../types";
import { parseSize, toInteger, toNumber, toSeed, toText } from "../values";

const FIELD_KEYS = new Set([
  "prompt",
  "negative_prompt",
  "seed",
  "steps",
  "sampler",
  "scheduler",
  "guidance_scale",
  "resolution",
  "base_model",
  "base_model_hash",
  "vae",
  "version",
  "clip_skip",
]);

/** True for Fooocus' `parameters` JSON (modules/meta_parser.py, scheme "fooocus"). */
export function isFooocusDocument(document: Record<string, unknown>): boolean {
  return (
    "base_model" in document &&
    ("guidance_scale" in document || "performance" in document || "sharpness" in document)
  );
}

/** Fooocus scheme: flat JSON; resolution "(w, h)", LoRAs as `lora_combined_N: "name : weight"`. */
export function parseFooocus(document: Record<string, unknown>): GenerationMetadata {
  const metadata = emptyGenerationMetadata();
  metadata.generator = "fooocus";
  const size = parseSize(document.resolution);
  metadata.prompt = toText(document.prompt);
  metadata.negativePrompt = toText(document.negative_prompt);
  metadata.seed = toSeed(document.seed);
  metadata.steps = toInteger(document.steps);
  metadata.sampler = toText(document.sampler);
  metadata.scheduler = toText(document.scheduler);
  metadata.cfgScale = toNumber(document.guidance_scale);
  metadata.width = size?.[0] ?? null;
  metadata.height = size?.[1] ?? null;
  metadata.model = toText(document.base_model);
  metadata.modelHash = toText(document.base_model_hash);
  metadata.vae = toText(document.vae);
  metadata.clipSkip = toInteger(document.clip_skip);
  metadata.generatorVersion = toText(document.version)?.replace(/^Fooocus\s+v?/i, "") ?? null;
  const loras: LoraRef[] = [];
  for (const [key, value] of Object.entries(document)) {
    const lora = /^lora_combined_\d+$/.test(key) ? readCombinedLora(value) : null;
    if (lora) loras.push(lora);
    else if (!FIELD_KEYS.has(key)) metadata.params[key] = value;
  }
  metadata.loras = loras;
  return metadata;
}

/** "name : weight" or "name : weight : hash". */
function readCombinedLora(value: unknown): LoraRef | null {
  const parts = (toText(value) ?? "").split(" : ").map((part) => part.trim());
  const [name, weight, hash] = parts;
  if (!name) return null;
  return { name, weight: toNumber(weight), ...(hash ? { hash } : {}) };
}

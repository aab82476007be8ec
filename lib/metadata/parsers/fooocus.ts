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
  "loras",
]);

/**
 * Fooocus writes its JSON with snake_case keys (modules/meta_parser.py, scheme "fooocus"); FooocusPlus and
 * SimpleSDXL ("simple" scheme, PNG `Comment`) write the UI labels instead: "Base Model", "Guidance Scale",
 * "LoRA 1". Labels are folded to the snake_case keys.
 */
function normaliseKeys(document: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(document).map(([key, value]) => [key.trim().toLowerCase().replace(/\s+/g, "_"), value]),
  );
}

/** True for the Fooocus family's JSON (Fooocus, FooocusPlus, SimpleSDXL), whichever key spelling. */
export function isFooocusDocument(document: Record<string, unknown>): boolean {
  const keys = normaliseKeys(document);
  return "base_model" in keys && ("guidance_scale" in keys || "performance" in keys || "sharpness" in keys);
}

/** Fooocus scheme: flat JSON; resolution "(w, h)", LoRAs as `lora_combined_N: "name : weight"`. */
export function parseFooocus(source: Record<string, unknown>): GenerationMetadata {
  const document = normaliseKeys(source);
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
    const lora = /^lora_(combined_)?\d+$/.test(key) ? readCombinedLora(value) : null;
    if (lora) loras.push(lora);
    else if (!FIELD_KEYS.has(key)) metadata.params[key] = value;
  }
  metadata.loras = loras.length > 0 ? loras : readLoraList(document.loras);
  return metadata;
}

/** "name : weight" or "name : weight : hash"; FooocusPlus prefixes "True : " / "False : " (enabled). */
function readCombinedLora(value: unknown): LoraRef | null {
  const parts = (toText(value) ?? "").split(" : ").map((part) => part.trim());
  if (parts[0] === "False") return null;
  if (parts[0] === "True") parts.shift();
  const [name, weight, hash] = parts;
  if (!name || name === "None") return null;
  return { name, weight: toNumber(weight), ...(hash ? { hash } : {}) };
}

/** The `loras` list both schemes also write: `[name, weight, hash]` triples. */
function readLoraList(value: unknown): LoraRef[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (!Array.isArray(entry)) return [];
    const name = toText(entry[0]);
    if (!name || name === "None") return [];
    const hash = toText(entry[2]);
    return [{ name, weight: toNumber(entry[1]), ...(hash ? { hash } : {}) }];
  });
}

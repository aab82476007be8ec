import { emptyGenerationMetadata, type GenerationMetadata, type LoraRef } from "../types";
import { toInteger, toNumber, toSeed, toText } from "../values";

/** RuinedFooocus (a Fooocus fork) writes its own keys into `parameters` JSON (modules/async_worker.py). */
const KEYS = {
  prompt: "Prompt",
  negativePrompt: "Negative",
  steps: "steps",
  cfgScale: "cfg",
  width: "width",
  height: "height",
  seed: "seed",
  sampler: "sampler_name",
  scheduler: "scheduler",
  model: "base_model_name",
  modelHash: "base_model_hash",
  denoise: "denoise",
  clipSkip: "clip_skip",
  loras: "loras",
} as const;

export function isRuinedFooocusDocument(document: Record<string, unknown>): boolean {
  return document.software === "RuinedFooocus" || ("Prompt" in document && "base_model_name" in document);
}

/** Generator "fooocus" (a fork); `params.software` keeps "RuinedFooocus". */
export function parseRuinedFooocus(document: Record<string, unknown>): GenerationMetadata {
  const metadata = emptyGenerationMetadata();
  metadata.generator = "fooocus";
  metadata.prompt = toText(document[KEYS.prompt]);
  metadata.negativePrompt = toText(document[KEYS.negativePrompt]);
  metadata.steps = toInteger(document[KEYS.steps]);
  metadata.cfgScale = toNumber(document[KEYS.cfgScale]);
  metadata.width = toInteger(document[KEYS.width]);
  metadata.height = toInteger(document[KEYS.height]);
  metadata.seed = toSeed(document[KEYS.seed]);
  metadata.sampler = toText(document[KEYS.sampler]);
  metadata.scheduler = toText(document[KEYS.scheduler]);
  metadata.model = toText(document[KEYS.model]);
  metadata.modelHash = toText(document[KEYS.modelHash]);
  metadata.denoise = toNumber(document[KEYS.denoise]);
  metadata.clipSkip = toInteger(document[KEYS.clipSkip]);
  metadata.loras = readLoras(document[KEYS.loras]);
  const known = new Set<string>(Object.values(KEYS));
  for (const [key, value] of Object.entries(document)) if (!known.has(key)) metadata.params[key] = value;
  return metadata;
}

/**
 * Older versions: `"Loras:<name:weight>,<name:weight>"`; newer: `[[hash, "weight - name"], …]`.
 * "None" marks an empty LoRA slot.
 */
function readLoras(value: unknown): LoraRef[] {
  if (typeof value === "string") {
    return [...value.matchAll(/<([^<>]+):([^:<>]+)>/g)].flatMap(([, name = "", weight]) =>
      name && name !== "None" ? [{ name, weight: toNumber(weight) }] : [],
    );
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (!Array.isArray(entry)) return [];
    const [hash, described] = entry;
    const match = /^\s*([^-\s]+)\s+-\s+(.+)$/.exec(toText(described) ?? "");
    if (!match?.[2] || match[2] === "None") return [];
    const lora: LoraRef = { name: match[2], weight: toNumber(match[1]) };
    return typeof hash === "string" && hash !== "" ? [{ ...lora, hash }] : [lora];
  });
}

import { emptyGenerationMetadata, type GenerationMetadata, type LoraRef } from "../types";
import { isRecord, parseSize, toInteger, toNumber, toSeed, toText } from "../values";

const FIELD_KEYS = new Set([
  "c",
  "uc",
  "seed",
  "steps",
  "scale",
  "sampler",
  "model",
  "size",
  "strength",
  "lora",
]);

/** Draw Things: XMP with CreatorTool "Draw Things" and the settings as JSON in exif:UserComment. */
export function parseDrawThings(
  document: Record<string, unknown>,
  description: string | null,
): GenerationMetadata {
  const metadata = emptyGenerationMetadata();
  metadata.generator = "drawthings";
  const size = parseSize(document.size);
  metadata.prompt = toText(document.c) ?? description;
  metadata.negativePrompt = toText(document.uc);
  metadata.seed = toSeed(document.seed);
  metadata.steps = toInteger(document.steps);
  metadata.cfgScale = toNumber(document.scale);
  metadata.sampler = toText(document.sampler);
  metadata.model = toText(document.model);
  metadata.width = size?.[0] ?? null;
  metadata.height = size?.[1] ?? null;
  metadata.denoise = toNumber(document.strength);
  metadata.loras = Array.isArray(document.lora) ? document.lora.flatMap(readLora) : [];
  for (const [key, value] of Object.entries(document)) if (!FIELD_KEYS.has(key)) metadata.params[key] = value;
  return metadata;
}

function readLora(value: unknown): LoraRef[] {
  if (!isRecord(value)) return [];
  const name = toText(value.file ?? value.model);
  return name ? [{ name, weight: toNumber(value.weight) }] : [];
}

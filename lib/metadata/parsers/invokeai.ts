import type { JsonResult } from "../lenient-json";
import { emptyGenerationMetadata, type GenerationMetadata, type LoraRef } from "../types";
import { compactRecord, isRecord, toInteger, toNumber, toSeed, toText } from "../values";

/** Keys with a field of their own in invokeai_metadata; the rest go to params. */
const FIELD_KEYS = new Set([
  "positive_prompt",
  "negative_prompt",
  "seed",
  "steps",
  "scheduler",
  "cfg_scale",
  "width",
  "height",
  "model",
  "loras",
  "vae",
  "clip_skip",
  "strength",
  "app_version",
]);

/** InvokeAI 3+ `invokeai_metadata`: flat JSON; model and LoRAs are model identifiers (name, key, hash). */
export function parseInvokeAiMetadata(json: JsonResult, warnings: string[]): GenerationMetadata {
  const metadata = emptyGenerationMetadata();
  metadata.generator = "invokeai";
  if (!json.ok || !isRecord(json.value)) {
    warnings.push(`invokeai: invokeai_metadata unreadable${json.ok ? "" : ` (${json.error})`}`);
    return metadata;
  }
  const data = json.value;
  const model = readModelIdentifier(data.model);
  metadata.prompt = toText(data.positive_prompt);
  metadata.negativePrompt = toText(data.negative_prompt);
  metadata.seed = toSeed(data.seed);
  metadata.steps = toInteger(data.steps);
  metadata.sampler = toText(data.scheduler);
  metadata.cfgScale = toNumber(data.cfg_scale);
  metadata.width = toInteger(data.width);
  metadata.height = toInteger(data.height);
  metadata.model = model.name ?? toText(data.model_weights ?? data.model_id);
  metadata.modelHash = model.hash;
  metadata.vae = readModelIdentifier(data.vae).name;
  metadata.clipSkip = toInteger(data.clip_skip);
  metadata.denoise = toNumber(data.strength);
  metadata.generatorVersion = toText(data.app_version);
  metadata.loras = Array.isArray(data.loras) ? data.loras.flatMap(readLora) : [];
  const hires = Object.entries(data).filter(([key]) => key.startsWith("hrf_"));
  if (hires.length > 0)
    metadata.hires = Object.fromEntries(hires.map(([key, value]) => [key.slice(4), value]));
  for (const [key, value] of Object.entries(data)) {
    if (!FIELD_KEYS.has(key) && !key.startsWith("hrf_")) metadata.params[key] = value;
  }
  return metadata;
}

/** v3 wrote { model_name, base_model }, v4+ { name, key, hash, base }. */
function readModelIdentifier(value: unknown): { name: string | null; hash: string | null } {
  if (typeof value === "string") return { name: value, hash: null };
  if (!isRecord(value)) return { name: null, hash: null };
  return { name: toText(value.name ?? value.model_name), hash: toText(value.hash) };
}

function readLora(value: unknown): LoraRef[] {
  if (!isRecord(value)) return [];
  const identifier = readModelIdentifier(value.model ?? value.lora);
  if (!identifier.name) return [];
  return [
    {
      name: identifier.name,
      weight: toNumber(value.weight),
      ...(identifier.hash ? { hash: identifier.hash } : {}),
    },
  ];
}

/** InvokeAI 2.x `sd-metadata`: { model_weights, app_version, image: { prompt, sampler, … } }; "[…]" in the prompt is the negative. */
export function parseInvokeAiLegacy(json: JsonResult, warnings: string[]): GenerationMetadata {
  const metadata = emptyGenerationMetadata();
  metadata.generator = "invokeai";
  if (!json.ok || !isRecord(json.value)) {
    warnings.push(`invokeai: sd-metadata unreadable${json.ok ? "" : ` (${json.error})`}`);
    return metadata;
  }
  const data = json.value;
  const image = isRecord(data.image) ? data.image : {};
  const rawPrompt = Array.isArray(image.prompt)
    ? image.prompt
        .map((part) => (isRecord(part) ? toText(part.prompt) : null))
        .filter(Boolean)
        .join(" ")
    : toText(image.prompt);
  const { prompt, negativePrompt } = splitBracketNegative(rawPrompt ?? "");
  metadata.prompt = rawPrompt === null ? null : prompt;
  metadata.negativePrompt = negativePrompt;
  metadata.seed = toSeed(image.seed);
  metadata.steps = toInteger(image.steps);
  metadata.sampler = toText(image.sampler);
  metadata.cfgScale = toNumber(image.cfg_scale);
  metadata.width = toInteger(image.width);
  metadata.height = toInteger(image.height);
  metadata.denoise = toNumber(image.strength);
  // 2.x names the weights file in `model_weights` (later `model_id`); `model` is the family ("stable diffusion").
  metadata.model = toText(data.model_weights ?? data.model_id ?? image.model_weights ?? image.model_id);
  metadata.modelHash = toText(data.model_hash);
  metadata.generatorVersion = toText(data.app_version);
  metadata.params = compactRecord({
    type: image.type,
    hires_fix: image.hires_fix,
    postprocessing: image.postprocessing,
  });
  return metadata;
}

/** InvokeAI before 2.0 (`Dream` chunk): `"prompt [negative]" -s 50 -S 42 -W 512 -H 512 -C 7.5 -A k_lms`. */
export function parseInvokeAiDream(text: string): GenerationMetadata {
  const metadata = emptyGenerationMetadata();
  metadata.generator = "invokeai";
  const quoted = /^\s*"((?:\\.|[^"\\])*)"(.*)$/s.exec(text);
  const { prompt, negativePrompt } = splitBracketNegative(quoted?.[1] ?? "");
  metadata.prompt = quoted ? prompt : null;
  metadata.negativePrompt = negativePrompt;
  const options = new Map<string, string>();
  for (const match of (quoted?.[2] ?? text).matchAll(/-(\w)\s*(\S+)/g))
    options.set(match[1] ?? "", match[2] ?? "");
  metadata.steps = toInteger(options.get("s"));
  metadata.seed = toSeed(options.get("S"));
  metadata.width = toInteger(options.get("W"));
  metadata.height = toInteger(options.get("H"));
  metadata.cfgScale = toNumber(options.get("C"));
  metadata.sampler = options.get("A") ?? null;
  metadata.denoise = toNumber(options.get("f"));
  return metadata;
}

function splitBracketNegative(text: string): { prompt: string; negativePrompt: string | null } {
  const negatives = [...text.matchAll(/\[([^\]]*)\]/g)].map((match) => (match[1] ?? "").trim());
  if (negatives.length === 0) return { prompt: text.trim(), negativePrompt: null };
  return {
    prompt: text
      .replace(/\[[^\]]*\]/g, "")
      .replace(/\s+/g, " ")
      .trim(),
    negativePrompt: negatives.join(", "),
  };
}

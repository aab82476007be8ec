import { parseLenientJson } from "../lenient-json";
import { emptyGenerationMetadata, type GenerationMetadata, type LoraRef } from "../types";
import { isRecord, parseSize, toInteger, toNumber, toSeed } from "../values";
import { parseSettingsLine } from "./a1111-settings-line";

const NEGATIVE_PREFIX = "Negative prompt:";

/** Settings keys with a field of their own; every other key lands in params as written. */
const FIELD_KEYS = new Set([
  "Steps",
  "Sampler",
  "Schedule type",
  "Scheduler",
  "Lora weights",
  "CFG scale",
  "CFG Scale",
  "Seed",
  "Size",
  "Model hash",
  "Model",
  "VAE",
  "Clip skip",
  "Denoising strength",
  "Version",
  "Lora hashes",
  "Hashes",
]);

/**
 * A1111 / Forge / SD.Next `parameters` text (modules/processing.py create_infotext:
 * `f"{prompt}\nNegative prompt: {negative}\n{settings}".strip()`): prompt lines, then lines from the first
 * one that starts with "Negative prompt:", then one settings line. "Negative prompt:" anywhere but at a
 * line start is prompt text. Prompts are kept as written (trailing commas, spaces and newlines included).
 */
export function parseA1111(text: string): GenerationMetadata {
  const metadata = emptyGenerationMetadata();
  metadata.generator = "a1111";
  const lines = text.replace(/^\s+|\s+$/g, "").split("\n");
  const { settings, trailing } = takeSettingsLine(lines);
  const negativeStart = lines.findIndex((line) => line.startsWith(NEGATIVE_PREFIX));
  const promptLines = negativeStart < 0 ? lines : lines.slice(0, negativeStart);
  // An infotext that starts with "Negative prompt:" (or is only a settings line) records an empty prompt.
  metadata.prompt = promptLines.join("\n") || (settings.size > 0 || negativeStart === 0 ? "" : null);
  if (negativeStart >= 0) {
    const negativeLines = lines.slice(negativeStart);
    negativeLines[0] = (negativeLines[0] ?? "").slice(NEGATIVE_PREFIX.length).replace(/^ /, "");
    metadata.negativePrompt = negativeLines.join("\n");
  }
  applySettings(metadata, settings);
  Object.assign(metadata.params, trailing);
  metadata.loras = collectLoras(metadata.prompt ?? "", settings);
  return metadata;
}

/** Lines extensions append after the settings line: Dynamic Prompts' `Template:` / `Negative Template:`. */
const TRAILING_LINE = /^([A-Z][\w ]{0,40}):\s?(.*)$/;
const MAX_TRAILING_LINES = 4;

/**
 * The settings line reads as several `Key: value` pairs (A1111 asks for 3). It is the last line, or
 * the last before a few `Key: value` lines an extension appended (kept in params as written).
 */
function takeSettingsLine(lines: string[]): {
  settings: Map<string, string>;
  trailing: Record<string, string>;
} {
  const lastIndex = lines.length - 1;
  for (let index = lastIndex; index >= 0 && index >= lastIndex - MAX_TRAILING_LINES; index -= 1) {
    const line = (lines[index] ?? "").replace(/\r$/, "");
    const pairs = parseSettingsLine(line);
    if (pairs.length >= 3 || (pairs.length >= 1 && line.startsWith("Steps:"))) {
      const after = lines.slice(index + 1).map((extra) => TRAILING_LINE.exec(extra.replace(/\r$/, "")));
      if (after.some((match) => match === null)) break;
      lines.splice(index);
      const trailing = Object.fromEntries(after.map((match) => [match?.[1] ?? "", match?.[2] ?? ""]));
      return { settings: new Map(pairs), trailing };
    }
    if (!TRAILING_LINE.test(line)) break;
  }
  return { settings: new Map(), trailing: {} };
}

function applySettings(metadata: GenerationMetadata, settings: Map<string, string>) {
  const size = parseSize(settings.get("Size"));
  metadata.steps = toInteger(settings.get("Steps"));
  // Civitai writes "Sampler: Undefined" when the sampler was not chosen (Flux).
  const sampler = settings.get("Sampler");
  metadata.sampler = sampler === undefined || /^undefined$/i.test(sampler) ? null : sampler;
  // Fooocus' A1111 scheme writes "Scheduler".
  metadata.scheduler = settings.get("Schedule type") ?? settings.get("Scheduler") ?? null;
  // comfy-image-saver writes "CFG Scale"
  metadata.cfgScale = toNumber(settings.get("CFG scale") ?? settings.get("CFG Scale"));
  metadata.seed = toSeed(settings.get("Seed"));
  metadata.width = size?.[0] ?? null;
  metadata.height = size?.[1] ?? null;
  metadata.model = settings.get("Model") ?? null;
  metadata.modelHash = settings.get("Model hash") ?? null;
  metadata.vae = settings.get("VAE") ?? null;
  metadata.clipSkip = toInteger(settings.get("Clip skip"));
  metadata.denoise = toNumber(settings.get("Denoising strength"));
  metadata.generatorVersion = settings.get("Version") ?? null;

  const hires: Record<string, unknown> = {};
  for (const [key, value] of settings) {
    if (FIELD_KEYS.has(key)) continue;
    if (key.startsWith("Hires ")) hires[key.slice("Hires ".length)] = value;
    else if (key === "Civitai resources") metadata.params[key] = parseJsonOrText(value);
    else metadata.params[key] = value;
  }
  if (Object.keys(hires).length > 0) metadata.hires = hires;

  const hashes = parseJsonOrText(settings.get("Hashes") ?? "");
  if (isRecord(hashes)) {
    metadata.params.Hashes = hashes;
    if (!metadata.modelHash && typeof hashes.model === "string") metadata.modelHash = hashes.model;
  }
  metadata.modelVersion = findCheckpointVersion(metadata.params["Civitai resources"]);
}

function parseJsonOrText(value: string): unknown {
  if (!value.startsWith("{") && !value.startsWith("[")) return value;
  const parsed = parseLenientJson(value);
  return parsed.ok ? parsed.value : value;
}

function findCheckpointVersion(resources: unknown): string | null {
  if (!Array.isArray(resources)) return null;
  const checkpoint = resources.find((resource) => isRecord(resource) && resource.type === "checkpoint");
  if (!isRecord(checkpoint)) return null;
  const version = checkpoint.modelVersionName ?? checkpoint.modelVersionId;
  return typeof version === "string" || typeof version === "number" ? String(version) : null;
}

/** "name: value, name: value" (A1111 `Lora hashes`, Fooocus `Lora weights`). */
function readNamedList(text: string | undefined): Map<string, string> {
  const entries = new Map<string, string>();
  for (const entry of (text ?? "").split(",")) {
    const separator = entry.lastIndexOf(":");
    if (separator > 0) entries.set(entry.slice(0, separator).trim(), entry.slice(separator + 1).trim());
  }
  return entries;
}

/**
 * `<lora:name:weight>` / `<lyco:name:unet:te>` tags in the prompt, with hashes from "Lora hashes" or
 * "Hashes"; LoRAs named only in the hash list take their weight from Fooocus' "Lora weights".
 */
function collectLoras(prompt: string, settings: Map<string, string>): LoraRef[] {
  const hashes = readNamedList(settings.get("Lora hashes"));
  const weights = readNamedList(settings.get("Lora weights"));
  const civitaiHashes = parseJsonOrText(settings.get("Hashes") ?? "");
  if (isRecord(civitaiHashes)) {
    for (const [key, value] of Object.entries(civitaiHashes)) {
      if (key.startsWith("lora:") && typeof value === "string") hashes.set(key.slice("lora:".length), value);
    }
  }
  const loras: LoraRef[] = [];
  for (const match of prompt.matchAll(/<(?:lora|lyco):([^:>]+)(?::([^:>]*))?[^>]*>/g)) {
    const name = (match[1] ?? "").trim();
    const hash = hashes.get(name);
    loras.push({
      name,
      weight: toNumber(match[2]) ?? (match[2] === undefined ? 1 : null),
      ...(hash ? { hash } : {}),
    });
    hashes.delete(name);
  }
  // LoRAs named only in the hash list (prompt tag edited away, or applied by an extension).
  for (const [name, hash] of hashes) loras.push({ name, weight: toNumber(weights.get(name)), hash });
  return loras;
}

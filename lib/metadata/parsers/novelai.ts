import { parseLenientJson } from "../lenient-json";
import { emptyGenerationMetadata, type GenerationMetadata } from "../types";
import { isRecord, toInteger, toNumber, toSeed, toText } from "../values";

export type NovelAiEntries = { comment?: string; description?: string; source?: string; software?: string };

const FIELD_KEYS = new Set([
  "prompt",
  "uc",
  "seed",
  "steps",
  "sampler",
  "noise_schedule",
  "scale",
  "width",
  "height",
  "strength",
]);

/**
 * NovelAI PNG text: `Comment` holds the request JSON (prompt, uc = negative, scale = CFG, v4 captions),
 * `Description` the prompt, `Source` "<model name> <8-hex model hash>".
 */
export function parseNovelAi(entries: NovelAiEntries, warnings: string[]): GenerationMetadata {
  const metadata = emptyGenerationMetadata();
  metadata.generator = "novelai";
  const source = entries.source?.trim() ?? "";
  const sourceMatch = /^(.*?)\s+([0-9A-Fa-f]{8})$/.exec(source);
  metadata.model = (sourceMatch ? sourceMatch[1] : source) || null;
  metadata.modelHash = sourceMatch?.[2] ?? null;
  metadata.modelVersion = /V(\d+(?:\.\d+)?)/i.exec(source)?.[1] ?? null;
  metadata.prompt = entries.description ?? null;

  const parsed = entries.comment === undefined ? null : parseLenientJson(entries.comment);
  if (parsed && !parsed.ok) warnings.push(`novelai: Comment JSON unreadable (${parsed.error})`);
  const comment = parsed?.ok && isRecord(parsed.value) ? parsed.value : null;
  if (!comment) return metadata;

  metadata.prompt = toText(comment.prompt) ?? metadata.prompt ?? readV4Caption(comment.v4_prompt);
  metadata.negativePrompt = toText(comment.uc) ?? readV4Caption(comment.v4_negative_prompt);
  metadata.seed = toSeed(comment.seed);
  metadata.steps = toInteger(comment.steps);
  metadata.sampler = toText(comment.sampler);
  metadata.scheduler = toText(comment.noise_schedule);
  metadata.cfgScale = toNumber(comment.scale);
  metadata.width = toInteger(comment.width);
  metadata.height = toInteger(comment.height);
  metadata.denoise = toNumber(comment.strength);
  for (const [key, value] of Object.entries(comment)) {
    if (!FIELD_KEYS.has(key)) metadata.params[key] = value;
  }
  const characters = readCharacterCaptions(comment.v4_prompt);
  if (characters.length > 0) metadata.params.characterPrompts = characters;
  return metadata;
}

function readV4Caption(value: unknown): string | null {
  return isRecord(value) && isRecord(value.caption) ? toText(value.caption.base_caption) : null;
}

/** V4 multi-character prompts: one caption per character with its position. */
function readCharacterCaptions(value: unknown): unknown[] {
  if (!isRecord(value) || !isRecord(value.caption) || !Array.isArray(value.caption.char_captions)) return [];
  return value.caption.char_captions;
}

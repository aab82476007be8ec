import { parseLenientJson } from "../lenient-json";
import { emptyGenerationMetadata, type GenerationMetadata } from "../types";
import { isRecord, toInteger, toNumber, toSeed, toText } from "../values";

/**
 * Tensor.Art's `generation_data` text chunk: its form as JSON (prompt, negativePrompt, seed, steps,
 * cfgScale, clipSkip, width, height, baseModel { modelFileName, hash }), NUL-padded. Its graph names
 * models by opaque `EMS-…-EMS` ids; this record names them as the user chose them.
 */
export function parseTensorArtData(text: string): GenerationMetadata | null {
  const parsed = parseLenientJson(text.replace(/\0+$/, ""));
  if (!parsed.ok || !isRecord(parsed.value)) return null;
  const data = parsed.value;
  const metadata = emptyGenerationMetadata();
  const baseModel = isRecord(data.baseModel) ? data.baseModel : {};
  metadata.prompt = toText(data.prompt);
  metadata.negativePrompt = toText(data.negativePrompt);
  metadata.seed = toSeed(data.seed);
  metadata.steps = toInteger(data.steps);
  metadata.cfgScale = toNumber(data.cfgScale);
  metadata.clipSkip = toInteger(data.clipSkip);
  metadata.width = toInteger(data.width);
  metadata.height = toInteger(data.height);
  metadata.sampler = toText(data.samplerName ?? data.sampler);
  metadata.model = toText(baseModel.modelFileName ?? baseModel.modelName ?? baseModel.name);
  metadata.modelHash = toText(baseModel.hash);
  metadata.params = { software: "Tensor.Art" };
  return metadata;
}

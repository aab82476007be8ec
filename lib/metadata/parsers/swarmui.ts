import { emptyGenerationMetadata, type GenerationMetadata, type LoraRef } from "../types";
import { isRecord, toInteger, toNumber, toSeed, toText } from "../values";

const FIELD_KEYS = new Set([
  "prompt",
  "negativeprompt",
  "seed",
  "steps",
  "sampler",
  "scheduler",
  "cfgscale",
  "width",
  "height",
  "model",
  "vae",
  "loras",
  "loraweights",
  "clipstopatlayer",
  "initimagecreativity",
  "swarm_version",
]);

/** SwarmUI `sui_image_params` (plus `sui_extra_data`, `sui_models` with hashes) as one JSON document. */
export function parseSwarmUi(document: Record<string, unknown>): GenerationMetadata {
  const metadata = emptyGenerationMetadata();
  metadata.generator = "swarmui";
  const params = isRecord(document.sui_image_params) ? document.sui_image_params : {};
  metadata.prompt = toText(params.prompt);
  metadata.negativePrompt = toText(params.negativeprompt);
  metadata.seed = toSeed(params.seed);
  metadata.steps = toInteger(params.steps);
  metadata.sampler = toText(params.sampler);
  metadata.scheduler = toText(params.scheduler);
  metadata.cfgScale = toNumber(params.cfgscale);
  metadata.width = toInteger(params.width);
  metadata.height = toInteger(params.height);
  metadata.model = toText(params.model);
  metadata.vae = toText(params.vae);
  const clipStop = toInteger(params.clipstopatlayer);
  metadata.clipSkip = clipStop === null ? null : Math.abs(clipStop);
  metadata.denoise = toNumber(params.initimagecreativity);
  metadata.generatorVersion = toText(params.swarm_version);
  const models = Array.isArray(document.sui_models) ? document.sui_models.filter(isRecord) : [];
  metadata.modelHash = toText(models.find((model) => model.param === "model")?.hash);
  metadata.loras = readLoras(params, models);
  for (const [key, value] of Object.entries(params)) if (!FIELD_KEYS.has(key)) metadata.params[key] = value;
  if (isRecord(document.sui_extra_data)) metadata.params.sui_extra_data = document.sui_extra_data;
  if (models.length > 0) metadata.params.sui_models = models;
  return metadata;
}

/** `loras` and `loraweights` are parallel arrays; weights are strings. */
function readLoras(params: Record<string, unknown>, models: Record<string, unknown>[]): LoraRef[] {
  if (!Array.isArray(params.loras)) return [];
  const weights = Array.isArray(params.loraweights) ? params.loraweights : [];
  return params.loras.flatMap((name, index) => {
    const loraName = toText(name);
    if (!loraName) return [];
    const hash = toText(
      models.find((model) => model.param === "loras" && toText(model.name)?.startsWith(loraName))?.hash,
    );
    return [{ name: loraName, weight: toNumber(weights[index]), ...(hash ? { hash } : {}) }];
  });
}

import { toInteger, toNumber, toSeed, toText } from "../values";
import {
  asLink,
  type ComfyGraph,
  type ComfyNode,
  findInputKey,
  listAncestorsOfAll,
  listPipeLinks,
  readInput,
} from "./comfyui-graph";
import { followLink, resolveValue } from "./comfyui-values";

/** One sampler node's settings, with the links the rest of the analysis follows. */
export type SamplerSettings = {
  nodeId: string;
  classType: string;
  seed: string | null;
  steps: number | null;
  cfgScale: number | null;
  sampler: string | null;
  scheduler: string | null;
  denoise: number | null;
  addsNoise: boolean;
  model: unknown;
  positive: unknown;
  negative: unknown;
  latent: unknown;
  /** True when the node has no conditioning input or pipe of its own (Searge data-stream parameters). */
  isDetached: boolean;
};

const SEED_KEYS = ["seed", "noise_seed"];
const STEPS_KEYS = ["steps"];
const CFG_KEYS = ["cfg", "cfg_scale"];
const SAMPLER_KEYS = ["sampler_name", "sampler"];
const SCHEDULER_KEYS = ["scheduler", "scheduler_name"];
const MODEL_KEYS = ["model", "base_model"];
/** `text_embeds` carries both prompts (WanVideoWrapper's text encoder holds them by polar name). */
const POSITIVE_KEYS = ["positive", "base_positive", "text_embeds"];
const NEGATIVE_KEYS = ["negative", "base_negative", "text_embeds"];
const LATENT_KEYS = [
  "latent_image",
  "latent",
  "samples",
  "optional_latent",
  "latent_input",
  "latents",
  "image_embeds",
];
const IMAGE_KEYS = ["image", "images", "pixels"];
const OUTPUT_PATTERN = /save|preview|output/i;

/**
 * A sampler by role, whatever its class: its inputs include a seed (`seed`/`noise_seed`), `steps`, a
 * CFG and a sampler name (KSampler, Efficiency, Impact, Inspire, Easy-Use preSampling, tinyterra,
 * Searge…). SamplerCustom(Advanced) takes its parts by link: a noise and a guider, or a seed and sigmas.
 */
export function isSamplerNode(node: ComfyNode): boolean {
  const has = (keys: string[]) => findInputKey(node, keys) !== undefined;
  if (has(["guider"]) && has(["noise"])) return true;
  // Video wrappers (WanVideoSampler) name a scheduler but no sampler.
  if (has(SEED_KEYS) && has(STEPS_KEYS) && has(CFG_KEYS) && (has(SAMPLER_KEYS) || has(SCHEDULER_KEYS)))
    return true;
  return has(SEED_KEYS) && has(["positive"]) && has(["sigmas"]);
}

/** Detailers and tiled upscalers sample an image, not a latent; they refine a pass rather than make one. */
function isImageSpace(node: ComfyNode): boolean {
  const latent = readInput(node, LATENT_KEYS);
  const image = readInput(node, IMAGE_KEYS);
  return asLink(image) !== null && asLink(latent) === null;
}

/** Latent samplers first; image-space detailers and tiled upscalers only when there is nothing else. */
export function listSamplers(graph: ComfyGraph): ComfyNode[] {
  const samplers = [...graph.values()].filter(isSamplerNode);
  const latentSamplers = samplers.filter((node) => !isImageSpace(node));
  return latentSamplers.length > 0 ? latentSamplers : samplers;
}

/**
 * The final sampler is the one no other sampler consumes (a refiner or hires pass consumes the base
 * pass, a sampler consumes the parameter node feeding it). With parallel branches, prefer one that
 * reaches a save/preview node, then the last in the graph.
 */
export function pickFinalSampler(graph: ComfyGraph, samplers: ComfyNode[]): ComfyNode | null {
  const consumed = listAncestorsOfAll(graph, samplers);
  const finals = samplers.filter((sampler) => !consumed.has(sampler.id));
  const outputs = [...graph.values()].filter((node) => OUTPUT_PATTERN.test(node.classType));
  const reachingOutput = listAncestorsOfAll(graph, outputs);
  const preferred = finals.filter((sampler) => reachingOutput.has(sampler.id));
  // A sampler that takes a latent makes one; a provider (Impact KSamplerProvider) hands settings to a detailer.
  const candidates = preferred.length > 0 ? preferred : finals;
  const makingLatent = candidates.filter((sampler) => asLink(readInput(sampler, LATENT_KEYS)));
  return makingLatent.at(-1) ?? candidates.at(-1) ?? samplers.at(-1) ?? null;
}

export function readSamplerSettings(graph: ComfyGraph, node: ComfyNode): SamplerSettings {
  const guider = followLink(graph, node.inputs.guider);
  const sigmas = followLink(graph, node.inputs.sigmas);
  const samplerSelect = followLink(graph, readInput(node, ["sampler"]));
  const noise = followLink(graph, node.inputs.noise);
  const pipe = listPipeLinks(node)[0];
  const value = (keys: string[], fallback?: ComfyNode | null) =>
    resolveValue(graph, readInput(node, keys) ?? (fallback ? readInput(fallback, keys) : undefined), keys);
  const addNoise = resolveValue(graph, node.inputs.add_noise);
  const positive = readInput(node, POSITIVE_KEYS) ?? guider?.inputs.positive ?? guider?.inputs.conditioning;
  return {
    nodeId: node.id,
    classType: node.classType,
    seed: toSeed(value(SEED_KEYS, noise)),
    steps: toInteger(value(STEPS_KEYS, sigmas)),
    cfgScale: toNumber(value(CFG_KEYS, guider)),
    sampler: toText(resolveValue(graph, readSamplerName(node, samplerSelect), SAMPLER_KEYS)),
    scheduler: toText(value(SCHEDULER_KEYS, sigmas)),
    denoise: toNumber(value(["denoise"], sigmas)),
    addsNoise: addNoise !== "disable" && addNoise !== false,
    model: readInput(node, MODEL_KEYS) ?? guider?.inputs.model ?? pipe,
    positive: positive ?? pipe,
    negative: readInput(node, NEGATIVE_KEYS) ?? guider?.inputs.negative ?? pipe,
    latent: readInput(node, LATENT_KEYS) ?? pipe,
    isDetached: positive === undefined && pipe === undefined,
  };
}

/** `sampler_name`, or SamplerCustom's `sampler` link to a KSamplerSelect; never a SAMPLER object link. */
function readSamplerName(node: ComfyNode, samplerSelect: ComfyNode | null): unknown {
  const own = readInput(node, ["sampler_name"]);
  if (own !== undefined) return own;
  if (samplerSelect) return readInput(samplerSelect, ["sampler_name"]);
  return readInput(node, ["sampler"]);
}

/** A compact summary of a sampler that is not the final one, for params. */
export function summariseSampler(settings: SamplerSettings): Record<string, unknown> {
  const {
    model: _model,
    positive: _positive,
    negative: _negative,
    latent: _latent,
    isDetached: _detached,
    ...summary
  } = settings;
  return summary;
}

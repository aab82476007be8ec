import { toInteger, toNumber, toSeed, toText } from "../values";
import { type ComfyGraph, type ComfyNode, followLink, listAncestors, resolveValue } from "./comfyui-graph";

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
};

const OUTPUT_PATTERN = /save|preview|output/i;

/**
 * Sampler-like nodes: KSampler(Advanced), SamplerCustom(Advanced), Efficiency / Inspire / WLSH
 * samplers and the like all take conditioning plus a seed, or (SamplerCustomAdvanced) a guider and noise.
 */
export function isSamplerNode(node: ComfyNode): boolean {
  const inputs = node.inputs;
  if ("guider" in inputs && "noise" in inputs) return true;
  const hasSeed = "seed" in inputs || "noise_seed" in inputs;
  return hasSeed && "positive" in inputs && ("steps" in inputs || "sigmas" in inputs);
}

/** Latent samplers first; image-space detailers and tiled upscalers only when there is nothing else. */
export function listSamplers(graph: ComfyGraph): ComfyNode[] {
  const samplers = [...graph.values()].filter(isSamplerNode);
  const latentSamplers = samplers.filter((node) => "latent_image" in node.inputs);
  return latentSamplers.length > 0 ? latentSamplers : samplers;
}

/**
 * The final sampler is the one no other sampler consumes (a refiner or hires pass consumes the base
 * pass). With parallel branches, prefer one that reaches a save/preview node, then the last in the graph.
 */
export function pickFinalSampler(graph: ComfyGraph, samplers: ComfyNode[]): ComfyNode | null {
  const consumed = new Set<string>();
  for (const sampler of samplers) {
    for (const ancestor of listAncestors(graph, sampler)) consumed.add(ancestor);
  }
  const finals = samplers.filter((sampler) => !consumed.has(sampler.id));
  const reachingOutput = new Set<string>();
  for (const node of graph.values()) {
    if (!OUTPUT_PATTERN.test(node.classType)) continue;
    for (const ancestor of listAncestors(graph, node)) reachingOutput.add(ancestor);
  }
  const preferred = finals.filter((sampler) => reachingOutput.has(sampler.id));
  return preferred.at(-1) ?? finals.at(-1) ?? samplers.at(-1) ?? null;
}

export function readSamplerSettings(graph: ComfyGraph, node: ComfyNode): SamplerSettings {
  const inputs = node.inputs;
  const guider = followLink(graph, inputs.guider);
  const sigmas = followLink(graph, inputs.sigmas);
  const samplerSelect = followLink(graph, inputs.sampler);
  const noise = followLink(graph, inputs.noise);
  const seedSource = inputs.seed ?? inputs.noise_seed ?? noise?.inputs.noise_seed ?? noise?.inputs.seed;
  return {
    nodeId: node.id,
    classType: node.classType,
    seed: toSeed(resolveValue(graph, seedSource, "seed")),
    steps: toInteger(resolveValue(graph, inputs.steps ?? sigmas?.inputs.steps, "steps")),
    cfgScale: toNumber(resolveValue(graph, inputs.cfg ?? guider?.inputs.cfg, "cfg")),
    sampler: toText(
      resolveValue(graph, inputs.sampler_name ?? samplerSelect?.inputs.sampler_name, "sampler_name"),
    ),
    scheduler: toText(resolveValue(graph, inputs.scheduler ?? sigmas?.inputs.scheduler, "scheduler")),
    denoise: toNumber(resolveValue(graph, inputs.denoise ?? sigmas?.inputs.denoise, "denoise")),
    addsNoise:
      resolveValue(graph, inputs.add_noise) !== "disable" && resolveValue(graph, inputs.add_noise) !== false,
    model: inputs.model ?? guider?.inputs.model,
    positive: inputs.positive ?? guider?.inputs.positive ?? guider?.inputs.conditioning,
    negative: inputs.negative ?? guider?.inputs.negative,
    latent: inputs.latent_image,
  };
}

/** A compact summary of a sampler that is not the final one, for params. */
export function summariseSampler(settings: SamplerSettings): Record<string, unknown> {
  const { model: _model, positive: _positive, negative: _negative, latent: _latent, ...summary } = settings;
  return summary;
}

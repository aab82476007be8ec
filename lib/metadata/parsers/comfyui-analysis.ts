import type { GenerationMetadata } from "../types";
import { toInteger } from "../values";
import { findDetachedPrompt, type PromptTrace, tracePrompt } from "./comfyui-conditioning";
import { type ComfyGraph, type ComfyNode, listAncestors } from "./comfyui-graph";
import { traceLatent } from "./comfyui-latent";
import { readLoras } from "./comfyui-loras";
import { readCheckpointName, traceClipSkip, traceModel, traceVae } from "./comfyui-models";
import { readNodeSize } from "./comfyui-resolution";
import {
  listSamplers,
  pickFinalSampler,
  readSamplerSettings,
  type SamplerSettings,
  summariseSampler,
} from "./comfyui-samplers";
import { resolveValue } from "./comfyui-values";

const MAX_OTHER_SAMPLERS = 16;

/**
 * Reads an API graph by roles (see README.md beside this file): the final sampler, then what its
 * links lead to. Fields whose text is a run-time template are listed in `params.runTimeText`.
 */
export function analyseGraph(graph: ComfyGraph, metadata: GenerationMetadata, warnings: string[]): void {
  const samplers = listSamplers(graph);
  const lastNode = pickFinalSampler(graph, samplers);
  if (!lastNode) {
    warnings.push("comfyui: no sampler node found");
    return;
  }
  const textPass = findTextPass(graph, lastNode, samplers);
  const finalNode = textPass ?? lastNode;
  if (textPass) metadata.params.laterPass = summariseSampler(readSamplerSettings(graph, lastNode));
  const final = readSamplerSettings(graph, finalNode);
  const latent = traceLatent(graph, final.latent);
  const upstream = latent.upstreamSamplers.map((node) => readSamplerSettings(graph, node));
  const finalModel = traceModel(graph, final.model);
  const base = findBasePass(graph, final, finalModel.model, upstream, latent.upscale !== null);
  const main = base ?? final;
  // A refiner-style pass (KSamplerAdvanced, add_noise disabled) continuing a latent carries no seed of
  // its own; a hires pass records its own.
  const ownSeed = (main.addsNoise || latent.upscale !== null) && main.seed !== null;
  const seedSource = ownSeed ? main : upstream.find((sampler) => sampler.seed !== null);
  const positive = readPrompt(graph, main, "positive");
  const negative = readPrompt(graph, main, "negative");
  const model = base ? traceModel(graph, main.model) : finalModel;
  const mainNode = graph.get(main.nodeId);
  const size = latent.width !== null ? [latent.width, latent.height] : findDetachedSize(graph, mainNode);

  metadata.prompt = positive.text;
  metadata.negativePrompt = negative.text;
  metadata.seed = seedSource?.seed ?? main.seed;
  metadata.steps = main.steps;
  metadata.sampler = main.sampler;
  metadata.scheduler = main.scheduler;
  metadata.cfgScale = main.cfgScale ?? positive.guidance;
  metadata.denoise = main.denoise;
  metadata.width = size?.[0] ?? null;
  metadata.height = size?.[1] ?? null;
  metadata.model = model.model ?? (main.isDetached ? findDetachedCheckpoint(graph) : null);
  metadata.loras = model.loras.length > 0 || !main.isDetached ? model.loras : findDetachedLoras(graph);
  metadata.vae = traceVae(graph, final.nodeId) ?? model.vae;
  metadata.clipSkip = traceClipSkip(graph, positive.encoder);
  if (latent.upscale && upstream.length > 0)
    metadata.hires = { ...latent.upscale, steps: final.steps, denoise: final.denoise };
  if (base) metadata.params.refiner = describeRefiner(graph, final, finalModel.model);
  const runTime = [positive.exact ? null : "prompt", negative.exact ? null : "negativePrompt"];
  if (runTime.some(Boolean)) metadata.params.runTimeText = runTime.filter(Boolean);

  metadata.params.finalSampler = { nodeId: final.nodeId, classType: final.classType };
  const others = samplers.filter((node) => node.id !== final.nodeId && node.id !== base?.nodeId);
  if (others.length > 0) {
    // What a file embeds must not size what is stored: a few are enough to see the other passes.
    if (others.length > MAX_OTHER_SAMPLERS) metadata.params.otherSamplerCount = others.length;
    metadata.params.otherSamplers = others.slice(0, MAX_OTHER_SAMPLERS).map((node) => {
      const settings = readSamplerSettings(graph, node);
      return { ...summariseSampler(settings), model: traceModel(graph, settings.model).model };
    });
  }
  if (latent.inputImage) metadata.params.inputImage = latent.inputImage;
}

/**
 * A last pass conditioned on an image, not on text (Stable Video Diffusion, image-to-video) animates
 * what an earlier pass made: that earlier pass, the nearest with a prompt, is the one read.
 */
function findTextPass(graph: ComfyGraph, last: ComfyNode, samplers: ComfyNode[]): ComfyNode | null {
  const settings = readSamplerSettings(graph, last);
  if (settings.isDetached || hasPrompt(graph, settings)) return null;
  const distance = new Map([...listAncestors(graph, last)].map((id, index) => [id, index]));
  const earlier = samplers
    .filter((node) => node.id !== last.id && distance.has(node.id))
    .sort((left, right) => (distance.get(left.id) ?? 0) - (distance.get(right.id) ?? 0))
    .slice(0, MAX_OTHER_SAMPLERS);
  return earlier.find((node) => hasPrompt(graph, readSamplerSettings(graph, node))) ?? null;
}

function hasPrompt(graph: ComfyGraph, sampler: SamplerSettings): boolean {
  return tracePrompt(graph, sampler.positive, "positive").encoder !== null;
}

/**
 * The pass that made the image when the final one only refines it: an SDXL refiner continues the
 * base latent without adding noise, and a second pass on another model (PixArt then an SD1.5
 * refiner) refines what the first made. A hires pass on the same model is itself the main pass.
 */
function findBasePass(
  graph: ComfyGraph,
  final: SamplerSettings,
  finalModel: string | null,
  upstream: SamplerSettings[],
  hasUpscale: boolean,
): SamplerSettings | undefined {
  const previous = upstream[0];
  if (!previous) return undefined;
  if (!final.addsNoise && !hasUpscale) return previous;
  const previousModel = traceModel(graph, previous.model).model;
  return finalModel !== null && previousModel !== null && finalModel !== previousModel ? previous : undefined;
}

function readPrompt(
  graph: ComfyGraph,
  sampler: SamplerSettings,
  polarity: "positive" | "negative",
): PromptTrace {
  const trace = tracePrompt(graph, sampler[polarity], polarity);
  if (trace.encoder || !sampler.isDetached) return trace;
  return findDetachedPrompt(graph, polarity) ?? trace;
}

/**
 * Searge-style parameter nodes reach the sampler through a data stream, not links: what they hold is
 * looked up in the whole graph (the first checkpoint, the sampler node's own size, the LoRA inputs).
 */
function findDetachedCheckpoint(graph: ComfyGraph): string | null {
  for (const node of graph.values()) {
    const name = readCheckpointName(graph, node);
    if (name !== null) return name;
  }
  return null;
}

function findDetachedSize(graph: ComfyGraph, mainNode: ComfyNode | undefined): number[] | null {
  return mainNode ? readNodeSize(graph, mainNode) : null;
}

function findDetachedLoras(graph: ComfyGraph) {
  return [...graph.values()]
    .filter((node) => !("model" in node.inputs))
    .flatMap((node) => readLoras(graph, node));
}

function describeRefiner(
  graph: ComfyGraph,
  refiner: SamplerSettings,
  model: string | null,
): Record<string, unknown> {
  // A refiner adds no noise, so its seed widget is unused.
  const { seed: _seed, ...settings } = summariseSampler(refiner);
  return {
    ...settings,
    startAtStep: toInteger(resolveValue(graph, graph.get(refiner.nodeId)?.inputs.start_at_step)),
    model,
    prompt: tracePrompt(graph, refiner.positive, "positive").text,
    negativePrompt: tracePrompt(graph, refiner.negative, "negative").text,
  };
}

import { parseLenientJson } from "../lenient-json";
import { emptyGenerationMetadata, type GenerationMetadata } from "../types";
import { isRecord, toInteger } from "../values";
import { tracePrompt } from "./comfyui-conditioning";
import { type ComfyGraph, resolveValue, toComfyGraph } from "./comfyui-graph";
import { traceLatent } from "./comfyui-latent";
import { traceClipSkip, traceModel, traceVae } from "./comfyui-models";
import {
  listSamplers,
  pickFinalSampler,
  readSamplerSettings,
  type SamplerSettings,
  summariseSampler,
} from "./comfyui-samplers";
import { readSubgraphPrompt } from "./comfyui-subgraph";
import { convertWorkflowToGraph } from "./comfyui-workflow";

export type ComfyPayload = { prompt?: string; workflow?: string };

/** True when JSON looks like an API graph: an object whose values are nodes with class_type. */
export function isComfyApiGraph(value: unknown): boolean {
  return (
    isRecord(value) &&
    Object.values(value).some((node) => isRecord(node) && typeof node.class_type === "string")
  );
}

export function isComfyWorkflow(value: unknown): boolean {
  return isRecord(value) && Array.isArray(value.nodes);
}

/**
 * ComfyUI `prompt` (API graph, what actually ran) and `workflow` (UI graph). The API graph is
 * analysed when present; the UI graph is converted and analysed only as a fallback.
 */
export function parseComfyUi(payload: ComfyPayload, warnings: string[]): GenerationMetadata {
  const metadata = emptyGenerationMetadata();
  metadata.generator = "comfyui";
  const prompt = payload.prompt === undefined ? undefined : parseLenientJson(payload.prompt);
  const workflow = payload.workflow === undefined ? undefined : parseLenientJson(payload.workflow);
  if (prompt && !prompt.ok) warnings.push(`comfyui: prompt JSON unreadable (${prompt.error})`);
  if (workflow && !workflow.ok) warnings.push(`comfyui: workflow JSON unreadable (${workflow.error})`);
  const apiGraph = prompt?.ok ? toComfyGraph(prompt.value) : null;
  const uiGraph = !apiGraph && workflow?.ok ? convertWorkflowToGraph(workflow.value) : null;
  metadata.workflow = workflow?.ok ? workflow.value : prompt?.ok ? prompt.value : null;
  const extra = workflow?.ok && isRecord(workflow.value) ? workflow.value.extra : null;
  if (isRecord(extra) && typeof extra.frontendVersion === "string")
    metadata.generatorVersion = extra.frontendVersion;
  const graph = apiGraph ?? uiGraph;
  if (!graph) return metadata;
  if (uiGraph) metadata.params.graphSource = "workflow";
  analyseGraph(graph, metadata, warnings);
  if (metadata.prompt === null && workflow?.ok) {
    metadata.prompt = readSubgraphPrompt(workflow.value, graph);
    // What the user typed, not necessarily what the encoder got (a language model may have rewritten it).
    if (metadata.prompt !== null) metadata.params.promptSource = "subgraph input";
  }
  return metadata;
}

function analyseGraph(graph: ComfyGraph, metadata: GenerationMetadata, warnings: string[]) {
  const samplers = listSamplers(graph);
  const finalNode = pickFinalSampler(graph, samplers);
  if (!finalNode) {
    warnings.push("comfyui: no sampler node found");
    return;
  }
  const final = readSamplerSettings(graph, finalNode);
  const latent = traceLatent(graph, final.latent);
  const upstream = latent.upstreamSamplers.map((node) => readSamplerSettings(graph, node));
  // SDXL refiner: a pass that adds no noise and continues the base pass's latent as is. The base pass
  // made the image (its prompt, model, seed); the refiner's own settings go to params.refiner.
  const base = !final.addsNoise && !latent.upscale ? upstream[0] : undefined;
  const main = base ?? final;
  // A refiner-style pass (KSamplerAdvanced, add_noise disabled) carries no seed of its own.
  const seedSource =
    main.addsNoise && main.seed !== null ? main : upstream.find((sampler) => sampler.seed !== null);
  const positive = tracePrompt(graph, main.positive, "positive");
  const negative = tracePrompt(graph, main.negative, "negative");
  const model = traceModel(graph, main.model);

  metadata.prompt = positive.text;
  metadata.negativePrompt = negative.text;
  metadata.seed = seedSource?.seed ?? main.seed;
  metadata.steps = main.steps;
  metadata.sampler = main.sampler;
  metadata.scheduler = main.scheduler;
  metadata.cfgScale = main.cfgScale;
  metadata.denoise = main.denoise;
  metadata.width = latent.width;
  metadata.height = latent.height;
  metadata.model = model.model;
  metadata.loras = model.loras;
  metadata.vae = traceVae(graph, final.nodeId) ?? model.vae;
  metadata.clipSkip = traceClipSkip(graph, positive.encoder);
  if (latent.upscale) metadata.hires = { ...latent.upscale, steps: final.steps, denoise: final.denoise };
  if (base) metadata.params.refiner = describeRefiner(graph, final);

  metadata.params.finalSampler = { nodeId: final.nodeId, classType: final.classType };
  const others = samplers.filter((node) => node.id !== final.nodeId && node.id !== base?.nodeId);
  if (others.length > 0) {
    metadata.params.otherSamplers = others.map((node) => {
      const settings = readSamplerSettings(graph, node);
      return { ...summariseSampler(settings), model: traceModel(graph, settings.model).model };
    });
  }
  if (latent.inputImage) metadata.params.inputImage = latent.inputImage;
}

function describeRefiner(graph: ComfyGraph, refiner: SamplerSettings): Record<string, unknown> {
  // A refiner adds no noise, so its seed widget is unused.
  const { seed: _seed, ...settings } = summariseSampler(refiner);
  return {
    ...settings,
    startAtStep: toInteger(resolveValue(graph, graph.get(refiner.nodeId)?.inputs.start_at_step)),
    model: traceModel(graph, refiner.model).model,
    prompt: tracePrompt(graph, refiner.positive, "positive").text,
    negativePrompt: tracePrompt(graph, refiner.negative, "negative").text,
  };
}

import { isRecord } from "../values";
import type { ComfyGraph, ComfyLink } from "./comfyui-graph";

/**
 * Widget order of common core nodes. A UI graph ("workflow" chunk) stores widget values as a bare
 * array; names come from the node definitions, which the file does not carry.
 */
const WIDGET_NAMES: Record<string, string[]> = {
  KSampler: ["seed", "control_after_generate", "steps", "cfg", "sampler_name", "scheduler", "denoise"],
  KSamplerAdvanced: [
    "add_noise",
    "noise_seed",
    "control_after_generate",
    "steps",
    "cfg",
    "sampler_name",
    "scheduler",
    "start_at_step",
    "end_at_step",
    "return_with_leftover_noise",
  ],
  SamplerCustom: ["add_noise", "noise_seed", "control_after_generate", "cfg"],
  RandomNoise: ["noise_seed", "control_after_generate"],
  KSamplerSelect: ["sampler_name"],
  BasicScheduler: ["scheduler", "steps", "denoise"],
  CFGGuider: ["cfg"],
  CheckpointLoaderSimple: ["ckpt_name"],
  UNETLoader: ["unet_name", "weight_dtype"],
  VAELoader: ["vae_name"],
  LoraLoader: ["lora_name", "strength_model", "strength_clip"],
  LoraLoaderModelOnly: ["lora_name", "strength_model"],
  CLIPSetLastLayer: ["stop_at_clip_layer"],
  CLIPTextEncode: ["text"],
  CLIPTextEncodeSDXL: [
    "width",
    "height",
    "crop_w",
    "crop_h",
    "target_width",
    "target_height",
    "text_g",
    "text_l",
  ],
  EmptyLatentImage: ["width", "height", "batch_size"],
  EmptySD3LatentImage: ["width", "height", "batch_size"],
  LatentUpscale: ["upscale_method", "width", "height", "crop"],
  LatentUpscaleBy: ["upscale_method", "scale_by"],
  LoadImage: ["image", "upload"],
  FluxGuidance: ["guidance"],
  PrimitiveNode: ["value", "control_after_generate"],
};

const MUTED = 2;
const BYPASSED = 4;

/**
 * Converts a UI graph to the API graph shape so one analysis serves both. Muted nodes are dropped;
 * bypassed nodes become reroutes of their first input; unknown widget arrays map onto the inputs
 * the new frontend marks with `widget`, when it does.
 */
export function convertWorkflowToGraph(workflow: unknown): ComfyGraph | null {
  if (!isRecord(workflow) || !Array.isArray(workflow.nodes)) return null;
  const links = readLinks(workflow.links);
  const graph: ComfyGraph = new Map();
  for (const node of workflow.nodes) {
    if (!isRecord(node) || typeof node.type !== "string" || node.mode === MUTED) continue;
    if (node.id === undefined || node.id === null) continue;
    const id = String(node.id);
    const inputs: Record<string, unknown> = {};
    const nodeInputs = Array.isArray(node.inputs) ? node.inputs.filter(isRecord) : [];
    for (const input of nodeInputs) {
      const link = typeof input.link === "number" ? links.get(input.link) : undefined;
      if (link && typeof input.name === "string") inputs[input.name] = link;
    }
    if (node.mode === BYPASSED) {
      const first = Object.entries(inputs)[0];
      graph.set(id, { id, classType: "Reroute", inputs: first ? { [first[0]]: first[1] } : {} });
      continue;
    }
    assignWidgets(node.type, node.widgets_values, nodeInputs, inputs);
    graph.set(id, { id, classType: node.type, inputs });
  }
  return graph.size > 0 ? graph : null;
}

/** Links are [id, fromNode, fromSlot, toNode, toSlot, type] arrays, or objects in the 1.0 schema. */
function readLinks(value: unknown): Map<number, ComfyLink> {
  const links = new Map<number, ComfyLink>();
  if (!Array.isArray(value)) return links;
  for (const link of value) {
    if (
      Array.isArray(link) &&
      typeof link[0] === "number" &&
      link[1] !== undefined &&
      typeof link[2] === "number"
    ) {
      links.set(link[0], [String(link[1]), link[2]]);
    } else if (isRecord(link) && typeof link.id === "number" && typeof link.origin_slot === "number") {
      links.set(link.id, [String(link.origin_id), link.origin_slot]);
    }
  }
  return links;
}

function assignWidgets(
  type: string,
  values: unknown,
  nodeInputs: Record<string, unknown>[],
  inputs: Record<string, unknown>,
) {
  if (isRecord(values)) {
    for (const [name, value] of Object.entries(values)) if (!(name in inputs)) inputs[name] = value;
    return;
  }
  if (!Array.isArray(values)) return;
  const names = WIDGET_NAMES[type] ?? widgetInputNames(nodeInputs, values);
  names.forEach((name, index) => {
    if (name !== "control_after_generate" && !(name in inputs) && index < values.length)
      inputs[name] = values[index];
  });
}

/** New-frontend inputs list widgets in order; a seed widget is followed by its control_after_generate value. */
function widgetInputNames(nodeInputs: Record<string, unknown>[], values: unknown[]): string[] {
  const names: string[] = [];
  for (const input of nodeInputs) {
    if (!isRecord(input.widget) || typeof input.widget.name !== "string") continue;
    names.push(input.widget.name);
    const next = values[names.length];
    if (
      /seed/.test(input.widget.name) &&
      typeof next === "string" &&
      /^(fixed|increment|decrement|randomize)$/.test(next)
    ) {
      names.push("control_after_generate");
    }
  }
  return names;
}

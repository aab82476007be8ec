import type { LoraRef } from "../types";
import { toNumber, toText } from "../values";
import { asLink, type ComfyGraph, type ComfyNode, followLink, MAX_HOPS, resolveValue } from "./comfyui-graph";

const CHECKPOINT_KEYS = ["ckpt_name", "unet_name", "model_name", "model_path", "base_ckpt_name", "gguf_name"];

export type ModelChain = { model: string | null; loras: LoraRef[]; vae: string | null };

/**
 * Walks a sampler's model input upstream through LoRA loaders and model patches (ModelSampling,
 * FreeU, …) to the checkpoint loader. LoRAs come back in the order they were applied.
 */
export function traceModel(graph: ComfyGraph, link: unknown): ModelChain {
  const loras: LoraRef[] = [];
  let node = followLink(graph, link);
  for (let hop = 0; node && hop < MAX_HOPS; hop += 1) {
    loras.unshift(...readLoras(graph, node));
    const inputs = node.inputs;
    const checkpointKey = CHECKPOINT_KEYS.find((key) => key in inputs);
    if (checkpointKey) {
      const vae = toText(resolveValue(graph, node.inputs.vae_name));
      return {
        model: toText(resolveValue(graph, node.inputs[checkpointKey])),
        loras,
        vae: isNamed(vae) ? vae : null,
      };
    }
    node = followLink(graph, node.inputs.model ?? firstLink(node));
  }
  return { model: null, loras, vae: null };
}

function isCheckpointLoader(node: ComfyNode): boolean {
  return CHECKPOINT_KEYS.some((key) => key in node.inputs);
}

function firstLink(node: ComfyNode): unknown {
  return Object.values(node.inputs).find((input) => asLink(input));
}

function isNamed(value: string | null): value is string {
  return value !== null && value !== "" && value.toLowerCase() !== "none" && value !== "Baked VAE";
}

/** LoraLoader(ModelOnly), Efficiency "Efficient Loader", rgthree "Power Lora Loader" (lora_N objects) and stacks (lora_name_N). */
function readLoras(graph: ComfyGraph, node: ComfyNode): LoraRef[] {
  const inputs = node.inputs;
  const loras: LoraRef[] = [];
  const name = toText(resolveValue(graph, inputs.lora_name));
  if (isNamed(name)) {
    const weight = toNumber(
      resolveValue(graph, inputs.strength_model ?? inputs.lora_model_strength ?? inputs.strength),
    );
    loras.push({ name, weight });
  }
  for (const [key, value] of Object.entries(inputs)) {
    if (typeof value === "object" && value !== null && !Array.isArray(value) && /^lora_\d+$/.test(key)) {
      const entry = value as Record<string, unknown>;
      const entryName = toText(entry.lora);
      if (entry.on !== false && isNamed(entryName))
        loras.push({ name: entryName, weight: toNumber(entry.strength) });
      continue;
    }
    const stacked = /^lora_name_(\d+)$/.exec(key);
    const stackedName = stacked ? toText(resolveValue(graph, value)) : null;
    if (stacked && isNamed(stackedName)) {
      const strength = inputs[`model_str_${stacked[1]}`] ?? inputs[`lora_wt_${stacked[1]}`];
      loras.push({ name: stackedName, weight: toNumber(resolveValue(graph, strength)) });
    }
  }
  return loras;
}

/** CLIPSetLastLayer on the encoder's clip input: stop_at_clip_layer -2 is A1111's "Clip skip: 2". */
export function traceClipSkip(graph: ComfyGraph, encoder: ComfyNode | null): number | null {
  let node = encoder ? followLink(graph, encoder.inputs.clip ?? encoder.inputs.opt_clip) : null;
  for (let hop = 0; node && hop < MAX_HOPS; hop += 1) {
    const stop = toNumber(resolveValue(graph, node.inputs.stop_at_clip_layer));
    if (stop !== null) return Math.abs(stop);
    if (isCheckpointLoader(node)) return null;
    node = followLink(graph, node.inputs.clip ?? firstLink(node));
  }
  return null;
}

/** The VAE named by the VAEDecode that decodes the final sampler's output (null when baked in). */
export function traceVae(graph: ComfyGraph, samplerId: string): string | null {
  for (const node of graph.values()) {
    if (!("vae" in node.inputs) || !("samples" in node.inputs)) continue;
    if (followLink(graph, node.inputs.samples)?.id !== samplerId) continue;
    const loader = followLink(graph, node.inputs.vae);
    const name = loader ? toText(resolveValue(graph, loader.inputs.vae_name)) : null;
    return isNamed(name) ? name : null;
  }
  return null;
}

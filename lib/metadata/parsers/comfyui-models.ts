import type { LoraRef } from "../types";
import { toNumber, toText } from "../values";
import {
  asLink,
  type ComfyGraph,
  type ComfyNode,
  findInputKey,
  listPipeLinks,
  MAX_HOPS,
} from "./comfyui-graph";
import { isNamed, readLoras } from "./comfyui-loras";
import { followLink, resolveValue } from "./comfyui-values";

/**
 * Inputs naming the checkpoint or diffusion model a loader loads (string values only: `base_model` is a
 * MODEL link on Searge samplers but a file name on Searge's model selector).
 */
const CHECKPOINT_KEYS = [
  "ckpt_name",
  "unet_name",
  "base_ckpt_name",
  "gguf_name",
  "model_name",
  "model_path",
  "base_checkpoint",
  "checkpoint",
  "ckpt",
  "base_model",
  "model",
];
/** `model` names a file on some loaders (WanVideoModelLoader) and a choice on others: only a file counts. */
const MODEL_FILE = /\.(safetensors|ckpt|pt|pth|bin|gguf|sft)$/i;

export type ModelChain = { model: string | null; loras: LoraRef[]; vae: string | null };

/** The checkpoint file a node loads, when it is a loader: a node taking a model in patches it (AnimateDiff's `model_name` is a motion model). */
export function readCheckpointName(graph: ComfyGraph, node: ComfyNode): string | null {
  if (asLink(node.inputs.model) || asLink(node.inputs.base_model)) return null;
  for (const key of CHECKPOINT_KEYS) {
    const inputKey = findInputKey(node, [key]);
    if (inputKey === undefined) continue;
    const name = toText(resolveValue(graph, node.inputs[inputKey], key));
    if (isNamed(name) && (key !== "model" || MODEL_FILE.test(name))) return name;
  }
  return null;
}

/**
 * Walks a sampler's model input upstream through LoRA loaders, model patches (ModelSampling, FreeU, …)
 * and pipes to the checkpoint loader. LoRAs come back in the order they were applied.
 */
export function traceModel(graph: ComfyGraph, link: unknown): ModelChain {
  const loras: LoraRef[] = [];
  let node = followLink(graph, link);
  for (let hop = 0; node && hop < MAX_HOPS; hop += 1) {
    loras.unshift(...readLoras(graph, node));
    const model = readCheckpointName(graph, node);
    if (model !== null) {
      const vae = toText(resolveValue(graph, node.inputs.vae_name));
      return { model, loras, vae: isNamed(vae) ? vae : null };
    }
    node = followLink(
      graph,
      node.inputs.model ?? node.inputs.base_model ?? listPipeLinks(node)[0] ?? firstLink(node),
    );
  }
  return { model: null, loras, vae: null };
}

function firstLink(node: ComfyNode): unknown {
  return Object.values(node.inputs).find((input) => asLink(input));
}

/** CLIPSetLastLayer on the encoder's clip input (or a loader's own `clip_skip`): -2 is A1111's "Clip skip: 2". */
export function traceClipSkip(graph: ComfyGraph, encoder: ComfyNode | null): number | null {
  let node: ComfyNode | null = encoder;
  for (let hop = 0; node && hop < MAX_HOPS; hop += 1) {
    const key = findInputKey(node, ["stop_at_clip_layer", "clip_skip"]);
    const stop = key === undefined ? null : toNumber(resolveValue(graph, node.inputs[key]));
    if (stop !== null) return Math.abs(stop);
    if (hop > 0 && readCheckpointName(graph, node) !== null) return null;
    node = followLink(
      graph,
      node.inputs.clip ?? node.inputs.opt_clip ?? listPipeLinks(node)[0] ?? firstLink(node),
    );
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

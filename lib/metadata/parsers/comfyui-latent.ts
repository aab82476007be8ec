import { toInteger, toNumber, toText } from "../values";
import {
  type ComfyGraph,
  type ComfyNode,
  linkInputs,
  listPipeLinks,
  MAX_HOPS,
  readInput,
} from "./comfyui-graph";
import { readNodeSize } from "./comfyui-resolution";
import { isSamplerNode } from "./comfyui-samplers";
import { followLink, resolveValue } from "./comfyui-values";

export type LatentTrace = {
  width: number | null;
  height: number | null;
  /** Earlier samplers on the latent path, nearest first (base pass before a refiner or hires pass). */
  upstreamSamplers: ComfyNode[];
  /** LatentUpscale / LatentUpscaleBy / an image upscale between passes, i.e. a hires fix. */
  upscale: Record<string, unknown> | null;
  /** LoadImage name when the latent came from VAEEncode of a loaded image (img2img, inpaint). */
  inputImage: string | null;
};

const LATENT_KEYS = [
  "latent_image",
  "latent",
  "samples",
  "optional_latent",
  "latent_input",
  "latents",
  "image_embeds",
];
const IMAGE_KEYS = ["pixels", "image", "images"];

/**
 * Follows latent_image back through earlier samplers and latent upscales to the latent maker (or a
 * loader that makes it). A VAEEncode is followed into pixel space: through image upscales to the
 * VAEDecode of an earlier pass (a hires fix done on pixels) or to the loaded image (img2img).
 */
export function traceLatent(graph: ComfyGraph, link: unknown): LatentTrace {
  const trace: LatentTrace = {
    width: null,
    height: null,
    upstreamSamplers: [],
    upscale: null,
    inputImage: null,
  };
  let node = followLink(graph, link);
  for (let hop = 0; node && hop < MAX_HOPS; hop += 1) {
    const inputs = node.inputs;
    if (isSamplerNode(node)) {
      trace.upstreamSamplers.push(node);
      node = followLink(graph, readInput(node, LATENT_KEYS) ?? listPipeLinks(node)[0]);
      continue;
    }
    if (isUpscale(node)) {
      trace.upscale ??= readUpscale(graph, node);
      node = followLink(graph, readInput(node, ["samples", ...IMAGE_KEYS]));
      continue;
    }
    const size = readInput(node, ["samples", ...IMAGE_KEYS]) === undefined ? readNodeSize(graph, node) : null;
    if (size) {
      [trace.width, trace.height] = size;
      return trace;
    }
    if ("pixels" in inputs || (node.classType.startsWith("VAEDecode") && "samples" in inputs)) {
      node = followLink(graph, inputs.pixels ?? inputs.samples);
      continue;
    }
    if (typeof inputs.image === "string" && linkInputs(node).length === 0) {
      trace.inputImage = toText(resolveValue(graph, inputs.image, "image"));
      return trace;
    }
    node = followLink(graph, readInput(node, [...LATENT_KEYS, ...IMAGE_KEYS]) ?? listPipeLinks(node)[0]);
  }
  return trace;
}

/** Latent and image upscalers: a scale factor, or an upscale method with a target size. */
function isUpscale(node: ComfyNode): boolean {
  const inputs = node.inputs;
  const hasSource = readInput(node, ["samples", ...IMAGE_KEYS]) !== undefined;
  return hasSource && ("scale_by" in inputs || "upscale_method" in inputs || "upscale_model" in inputs);
}

function readUpscale(graph: ComfyGraph, node: ComfyNode): Record<string, unknown> {
  const upscale: Record<string, unknown> = { node: node.classType };
  const method = toText(resolveValue(graph, node.inputs.upscale_method));
  const scale = toNumber(resolveValue(graph, node.inputs.scale_by));
  const width = toInteger(resolveValue(graph, node.inputs.width));
  const height = toInteger(resolveValue(graph, node.inputs.height));
  if (method) upscale.upscaler = method;
  if (scale !== null) upscale.upscale = scale;
  if (width !== null && height !== null) upscale.resize = `${width}x${height}`;
  return upscale;
}

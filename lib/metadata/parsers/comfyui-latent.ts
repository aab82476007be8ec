import { toInteger, toNumber, toText } from "../values";
import { type ComfyGraph, type ComfyNode, followLink, MAX_HOPS, resolveValue } from "./comfyui-graph";
import { readHelperSize, resolveDimension } from "./comfyui-resolution";
import { isSamplerNode } from "./comfyui-samplers";

export type LatentTrace = {
  width: number | null;
  height: number | null;
  /** Earlier samplers on the latent path, nearest first (base pass before a refiner or hires pass). */
  upstreamSamplers: ComfyNode[];
  /** LatentUpscale / LatentUpscaleBy between passes, i.e. a hires fix. */
  upscale: Record<string, unknown> | null;
  /** LoadImage name when the latent came from VAEEncode (img2img, inpaint). */
  inputImage: string | null;
};

/** Follows latent_image back through earlier samplers and latent upscales to the empty latent or encoded image. */
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
      node = followLink(graph, inputs.latent_image);
      continue;
    }
    if ("scale_by" in inputs || ("upscale_method" in inputs && "samples" in inputs)) {
      trace.upscale ??= readUpscale(graph, node);
      node = followLink(graph, inputs.samples);
      continue;
    }
    if ("width" in inputs && "height" in inputs && !("samples" in inputs)) {
      trace.width = resolveDimension(graph, inputs.width, "width");
      trace.height = resolveDimension(graph, inputs.height, "height");
      return trace;
    }
    const preset = readHelperSize(graph, node);
    if (preset) {
      [trace.width, trace.height] = preset;
      return trace;
    }
    if ("pixels" in inputs) {
      const image = followLink(graph, inputs.pixels);
      trace.inputImage = image ? toText(resolveValue(graph, image.inputs.image, "image")) : null;
      return trace;
    }
    node = followLink(graph, inputs.samples ?? inputs.latent ?? inputs.latent_image);
  }
  return trace;
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

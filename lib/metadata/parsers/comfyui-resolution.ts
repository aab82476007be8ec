import { toInteger, toNumber, toText } from "../values";
import { asLink, type ComfyGraph, type ComfyNode, followLink, resolveValue } from "./comfyui-graph";

const SIZE_PATTERN = /(\d{2,5})\s*[x×*]\s*(\d{2,5})/;
/** Inputs where resolution helpers hold their choice as text: "1024x1024 (1.0)", "1:1 square 1024x1024", … */
const SIZE_TEXT_KEYS = ["resolution", "dimensions", "aspect_ratio", "size", "preset"];

/**
 * A latent's width or height: a literal, a primitive, or the output of a resolution helper
 * (core ResolutionSelector, Essentials' SDXLEmptyLatentSizePicker+, Comfyroll aspect-ratio presets…).
 * Helpers are asked by axis, not output slot, as their outputs are ordered differently.
 */
export function resolveDimension(graph: ComfyGraph, value: unknown, axis: "width" | "height"): number | null {
  const direct = toInteger(resolveValue(graph, value, axis));
  if (direct !== null || !asLink(value)) return direct;
  const helper = followLink(graph, value);
  const size = helper ? readHelperSize(graph, helper) : null;
  return size ? size[axis === "width" ? 0 : 1] : null;
}

/** The size a resolution helper (or a latent node holding a size preset) produces, when it can be known. */
export function readHelperSize(graph: ComfyGraph, node: ComfyNode): [number, number] | null {
  const inputs = node.inputs;
  if ("aspect_ratio" in inputs && "megapixels" in inputs) return selectResolution(graph, node);
  for (const key of SIZE_TEXT_KEYS) {
    const match = SIZE_PATTERN.exec(toText(resolveValue(graph, inputs[key])) ?? "");
    if (!match) continue;
    // Essentials' size picker: a non-zero override replaces the preset's side.
    const widthOverride = toInteger(resolveValue(graph, inputs.width_override)) ?? 0;
    const heightOverride = toInteger(resolveValue(graph, inputs.height_override)) ?? 0;
    return [widthOverride || Number(match[1]), heightOverride || Number(match[2])];
  }
  return null;
}

/**
 * ComfyUI core ResolutionSelector (comfy_extras/nodes_resolution.py): the ratio scaled to the megapixel
 * target (MiB of pixels), each side rounded to `multiple`. Below its `minimum` side the node switches to
 * another rule; that case is left unknown rather than guessed.
 */
function selectResolution(graph: ComfyGraph, node: ComfyNode): [number, number] | null {
  const ratio = /^(\d+):(\d+)/.exec(toText(resolveValue(graph, node.inputs.aspect_ratio)) ?? "");
  const megapixels = toNumber(resolveValue(graph, node.inputs.megapixels));
  const multiple = toInteger(resolveValue(graph, node.inputs.multiple)) ?? 8;
  const minimum = toInteger(resolveValue(graph, node.inputs.minimum)) ?? 256;
  if (!ratio || megapixels === null || megapixels <= 0 || multiple <= 0) return null;
  const [widthRatio, heightRatio] = [Number(ratio[1]), Number(ratio[2])];
  const scale = Math.sqrt((megapixels * 1024 * 1024) / (widthRatio * heightRatio));
  // Python's round() rounds halves to even; exact halves do not occur for these ratios and steps.
  const width = Math.round((widthRatio * scale) / multiple) * multiple;
  const height = Math.round((heightRatio * scale) / multiple) * multiple;
  return width < minimum || height < minimum ? null : [width, height];
}

import { toInteger, toNumber, toText } from "../values";
import { asLink, type ComfyGraph, type ComfyNode, findInputKey } from "./comfyui-graph";
import { followLink, resolveValue } from "./comfyui-values";

const SIZE_PATTERN = /(\d{2,5})\s*[x×*]\s*(\d{2,5})/;
/** Inputs where resolution helpers hold their choice as text: "1024x1024 (1.0)", "1:1 square 1024x1024", … */
const SIZE_TEXT_KEYS = [
  "resolution",
  "dimensions",
  "aspect_ratio",
  "size",
  "preset",
  "image_size_preset",
  "empty_latent_aspect",
];
/** Width/height input pairs of latent makers and of loaders that make the latent themselves. */
const SIZE_PAIRS = [
  ["width", "height"],
  ["empty_latent_width", "empty_latent_height"],
  ["image_width", "image_height"],
  ["latent_width", "latent_height"],
];

/**
 * The size a node makes a latent at: its size preset when it has one that names a size, else its
 * width/height pair (Efficiency and Easy-Use loaders `empty_latent_*`, Searge `image_*`).
 */
export function readNodeSize(graph: ComfyGraph, node: ComfyNode): [number, number] | null {
  const preset = readHelperSize(graph, node);
  if (preset) return preset;
  for (const [widthName = "", heightName = ""] of SIZE_PAIRS) {
    const widthKey = findInputKey(node, [widthName]);
    const heightKey = findInputKey(node, [heightName]);
    if (widthKey === undefined || heightKey === undefined) continue;
    const width = resolveDimension(graph, node.inputs[widthKey], "width");
    const height = resolveDimension(graph, node.inputs[heightKey], "height");
    if (width !== null && height !== null) return orient(graph, node, [width, height]);
  }
  return null;
}

/**
 * A latent's width or height: a literal, a primitive, or the output of a resolution helper
 * (core ResolutionSelector, Essentials' SDXLEmptyLatentSizePicker+, Comfyroll aspect-ratio presets…).
 * Helpers are asked by axis, not output slot, as their outputs are ordered differently.
 */
function resolveDimension(graph: ComfyGraph, value: unknown, axis: "width" | "height"): number | null {
  const helper = asLink(value) ? followLink(graph, value) : null;
  const size = helper ? readHelperSize(graph, helper) : null;
  if (size) return size[axis === "width" ? 0 : 1];
  return toInteger(resolveValue(graph, value, [axis, `image_${axis}`, `empty_latent_${axis}`]));
}

/** The size a resolution helper (or a latent node holding a size preset) produces, when it can be known. */
function readHelperSize(graph: ComfyGraph, node: ComfyNode): [number, number] | null {
  const inputs = node.inputs;
  if ("aspect_ratio" in inputs && "megapixels" in inputs) return selectResolution(graph, node);
  for (const key of SIZE_TEXT_KEYS) {
    const match = SIZE_PATTERN.exec(toText(resolveValue(graph, inputs[key])) ?? "");
    if (!match) continue;
    // Essentials' size picker: a non-zero override replaces the preset's side.
    const widthOverride = toInteger(resolveValue(graph, inputs.width_override)) ?? 0;
    const heightOverride = toInteger(resolveValue(graph, inputs.height_override)) ?? 0;
    return orient(graph, node, [widthOverride || Number(match[1]), heightOverride || Number(match[2])]);
  }
  return null;
}

/** Comfyroll `swap_dimensions: On`, KJNodes `invert`, WLSH `direction: portrait|landscape` turn a preset's size. */
function orient(graph: ComfyGraph, node: ComfyNode, [width, height]: [number, number]): [number, number] {
  const swap = resolveValue(graph, node.inputs.swap_dimensions ?? node.inputs.invert);
  const direction = resolveValue(graph, node.inputs.direction ?? node.inputs.orientation);
  const turned =
    swap === "On" ||
    swap === true ||
    (direction === "portrait" && width > height) ||
    (direction === "landscape" && height > width);
  return turned ? [height, width] : [width, height];
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

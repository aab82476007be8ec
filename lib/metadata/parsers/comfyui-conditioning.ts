import { asLink, type ComfyGraph, type ComfyNode, followLink, MAX_HOPS, resolveValue } from "./comfyui-graph";

/** Text inputs of prompt encoders: CLIPTextEncode, CLIPTextEncodeSDXL, Flux, rgthree Power Prompt, … */
const TEXT_KEYS = [
  "text",
  "text_g",
  "text_l",
  "prompt",
  "t5xxl",
  "clip_l",
  "positive_prompt",
  "negative_prompt",
];
const MAX_TEXTS = 16;

export type PromptTrace = { text: string | null; encoder: ComfyNode | null };

/**
 * The prompt feeding a sampler's positive or negative input. Conditioning may pass through
 * ControlNet, area, combine and guidance nodes first; those are followed along the same polarity
 * (ControlNetApplyAdvanced has its own positive/negative) or every conditioning input, in order.
 */
export function tracePrompt(
  graph: ComfyGraph,
  link: unknown,
  polarity: "positive" | "negative",
): PromptTrace {
  const texts: string[] = [];
  let encoder: ComfyNode | null = null;
  const visited = new Set<string>();
  const visit = (value: unknown, depth: number) => {
    const node = followLink(graph, value);
    if (!node || visited.has(node.id) || depth > MAX_HOPS || texts.length >= MAX_TEXTS) return;
    visited.add(node.id);
    if (node.classType === "ConditioningZeroOut") return; // zeroed: no prompt reaches the sampler
    const nodeTexts = readTexts(graph, node);
    if (nodeTexts.length > 0) {
      for (const text of nodeTexts) if (!texts.includes(text)) texts.push(text);
      encoder ??= node;
      return;
    }
    if (asLink(node.inputs[polarity])) return visit(node.inputs[polarity], depth + 1);
    for (const [name, input] of Object.entries(node.inputs)) {
      if (name.startsWith("conditioning") && asLink(input)) visit(input, depth + 1);
    }
  };
  visit(link, 0);
  return { text: texts.length > 0 ? texts.join("\n") : null, encoder };
}

function readTexts(graph: ComfyGraph, node: ComfyNode): string[] {
  const texts: string[] = [];
  for (const key of TEXT_KEYS) {
    if (!(key in node.inputs)) continue;
    const value = resolveValue(graph, node.inputs[key], "text");
    if (typeof value === "string" && !texts.includes(value)) texts.push(value);
  }
  // smZ / SDXL encoders carry empty text_g / text_l beside the real text; "" alone is a recorded empty prompt.
  const written = texts.filter((text) => text !== "");
  return written.length > 0 ? written : texts;
}

import { toNumber } from "../values";
import {
  asLink,
  type ComfyGraph,
  type ComfyNode,
  findInputKey,
  listPipeLinks,
  MAX_HOPS,
} from "./comfyui-graph";
import { type GraphText, resolveText } from "./comfyui-text";
import { followLink, resolveValue } from "./comfyui-values";

export type Polarity = "positive" | "negative";

/** Text inputs of encoders that encode one prompt whatever the sampler input they feed. */
const TEXT_KEYS = [
  "text",
  "text_g",
  "text_l",
  "prompt",
  "t5xxl",
  "clip_l",
  "clip_g",
  "populated_text",
  "wildcard_text",
  "texts",
  "string",
];
/** Inputs of nodes that hold both prompts (loaders with prompts inside, Searge inputs, pos/neg encoders). */
const POLAR_TEXT_KEYS: Record<Polarity, string[]> = {
  positive: [
    "positive",
    "positive_prompt",
    "main_prompt",
    "pos",
    "prompt_positive",
    "positive_text",
    "pos_g",
  ],
  negative: [
    "negative",
    "negative_prompt",
    "negative_main_prompt",
    "neg",
    "prompt_negative",
    "negative_text",
    "text_negative",
    "neg_g",
  ],
};
const MAX_TEXTS = 16;

export type PromptTrace = {
  text: string | null;
  exact: boolean;
  /** The node the text was found in (its clip input leads to the clip-skip setting). */
  encoder: ComfyNode | null;
  /** Flux-style guidance met on the way (FluxGuidance), the CFG of graphs whose guider has none. */
  guidance: number | null;
};

/**
 * The prompt feeding a sampler's positive or negative input. Conditioning may pass through ControlNet,
 * area, combine, guidance and pipe nodes first: those are followed along the same polarity
 * (ControlNetApplyAdvanced and pipes carry both), then every `conditioning*` input, in order.
 */
export function tracePrompt(graph: ComfyGraph, link: unknown, polarity: Polarity): PromptTrace {
  const found: GraphText[] = [];
  const trace: PromptTrace = { text: null, exact: true, encoder: null, guidance: null };
  const visited = new Set<string>();
  const visit = (value: unknown, depth: number) => {
    const node = followLink(graph, value);
    if (!node || visited.has(node.id) || depth > MAX_HOPS || found.length >= MAX_TEXTS) return;
    visited.add(node.id);
    if (node.classType === "ConditioningZeroOut") return; // zeroed: no prompt reaches the sampler
    const texts = readNodeTexts(graph, node, polarity);
    if (texts.length > 0) {
      found.push(...texts);
      trace.encoder ??= node;
      return;
    }
    trace.guidance ??= toNumber(resolveValue(graph, node.inputs.guidance));
    const polarKey = findInputKey(node, [polarity, ...POLAR_TEXT_KEYS[polarity]]);
    if (polarKey !== undefined && asLink(node.inputs[polarKey]))
      return visit(node.inputs[polarKey], depth + 1);
    const conditioning = Object.entries(node.inputs).filter(
      ([name, input]) => name.startsWith("conditioning") && asLink(input),
    );
    for (const [, input] of conditioning) visit(input, depth + 1);
    if (conditioning.length === 0) for (const pipe of listPipeLinks(node)) visit(pipe, depth + 1);
  };
  visit(link, 0);
  const texts = distinct(found.filter((entry) => entry.text !== null));
  const written = texts.filter((entry) => entry.text !== "");
  const kept = written.length > 0 ? written : texts;
  trace.text = kept.length > 0 ? kept.map((entry) => entry.text).join("\n") : null;
  trace.exact = found.every((entry) => entry.exact);
  return trace;
}

/**
 * The texts a node holds for this polarity: a literal under a polar key (Efficient Loader `positive`,
 * Searge `main_prompt`), the result of a text-making node, or its encoder text inputs.
 */
function readNodeTexts(graph: ComfyGraph, node: ComfyNode, polarity: Polarity): GraphText[] {
  const polarKey = findInputKey(node, POLAR_TEXT_KEYS[polarity]);
  if (polarKey !== undefined && typeof node.inputs[polarKey] === "string") {
    return [{ text: node.inputs[polarKey] as string, exact: true }];
  }
  const texts: GraphText[] = [];
  for (const key of TEXT_KEYS) {
    const inputKey = findInputKey(node, [key]);
    if (inputKey === undefined) continue;
    // Impact's wildcard encoder encodes its populated text; the wildcard text is the template behind it.
    if (key === "wildcard_text" && texts.some((entry) => entry.text)) continue;
    texts.push(resolveText(graph, node.inputs[inputKey]));
  }
  if (texts.some((entry) => entry.text !== null)) return texts;
  // A text-making node reached directly (a concatenation feeding a loader's prompt input).
  const own = resolveText(graph, [node.id, 0]);
  return own.text !== null ? [own] : texts.filter((entry) => !entry.exact);
}

/** smZ / SDXL encoders carry empty text_g / text_l beside the real text; "" alone is a recorded empty prompt. */
function distinct(entries: GraphText[]): GraphText[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    if (entry.text === null || seen.has(entry.text)) return false;
    seen.add(entry.text);
    return true;
  });
}

/**
 * A prompt held by a parameter node that reaches the sampler through a data stream rather than a
 * conditioning link (Searge `main_prompt` / `negative_main_prompt`): the first node in the graph that
 * holds a text under a polar name.
 */
export function findDetachedPrompt(graph: ComfyGraph, polarity: Polarity): PromptTrace | null {
  for (const node of graph.values()) {
    const key = findInputKey(node, POLAR_TEXT_KEYS[polarity]);
    if (key === undefined) continue;
    const found = resolveText(graph, node.inputs[key]);
    if (found.text !== null) return { text: found.text, exact: found.exact, encoder: node, guidance: null };
  }
  return null;
}

import { isRecord } from "../values";

/** ComfyUI API graph ("prompt" chunk): node id -> { class_type, inputs }, links as [nodeId, outputIndex]. */
export type ComfyNode = { id: string; classType: string; inputs: Record<string, unknown> };
export type ComfyGraph = Map<string, ComfyNode>;
export type ComfyLink = [string, number];

/** Deep enough for any real reroute chain, small enough that a cyclic or hostile graph stays cheap. */
export const MAX_HOPS = 64;
const MAX_NODES = 10_000;

export function toComfyGraph(value: unknown): ComfyGraph | null {
  if (!isRecord(value)) return null;
  const graph: ComfyGraph = new Map();
  for (const [id, node] of Object.entries(value)) {
    if (graph.size >= MAX_NODES) break;
    if (!isRecord(node) || typeof node.class_type !== "string") continue;
    graph.set(id, { id, classType: node.class_type, inputs: isRecord(node.inputs) ? node.inputs : {} });
  }
  return graph.size > 0 ? graph : null;
}

export function asLink(value: unknown): ComfyLink | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [id, slot] = value;
  if ((typeof id !== "string" && typeof id !== "number") || typeof slot !== "number") return null;
  return [String(id), slot];
}

function linkedNode(graph: ComfyGraph, value: unknown): ComfyNode | null {
  const link = asLink(value);
  return link ? (graph.get(link[0]) ?? null) : null;
}

function linkInputs(node: ComfyNode): [string, ComfyLink][] {
  const links: [string, ComfyLink][] = [];
  for (const [name, value] of Object.entries(node.inputs)) {
    const link = asLink(value);
    if (link) links.push([name, link]);
  }
  return links;
}

/** One link in, but the output is not the input: zeroed conditioning carries no prompt. */
const NOT_PASS_THROUGH = new Set(["ConditioningZeroOut"]);

/** Reroutes and bypassed nodes: nothing but one link in. */
function isPassThrough(node: ComfyNode): boolean {
  const links = linkInputs(node);
  return links.length === 1 && Object.keys(node.inputs).length === 1 && !NOT_PASS_THROUGH.has(node.classType);
}

/**
 * The input a switch node forwards: ComfySwitchNode (`switch` boolean, on_true / on_false), Impact /
 * Comfyroll style selectors (`select` or `Input` number picking input1…N / text1…N). Undefined when
 * the node is not a switch or the choice cannot be resolved.
 */
function chooseSwitchInput(graph: ComfyGraph, node: ComfyNode): unknown {
  const inputs = node.inputs;
  if ("switch" in inputs && ("on_true" in inputs || "on_false" in inputs)) {
    const choice = resolveValue(graph, inputs.switch, "value");
    if (typeof choice !== "boolean") return undefined;
    return choice ? inputs.on_true : inputs.on_false;
  }
  const selector = inputs.select ?? inputs.Input;
  if (selector === undefined) return undefined;
  const index = resolveValue(graph, selector, "value");
  if (typeof index !== "number" || !Number.isInteger(index)) return undefined;
  return inputs[`input${index}`] ?? inputs[`text${index}`] ?? inputs[`input_${index}`];
}

/** Follows reroutes and switches from a link to the first node that does something. */
export function followLink(graph: ComfyGraph, value: unknown): ComfyNode | null {
  let node = linkedNode(graph, value);
  for (let hop = 0; node && hop < MAX_HOPS; hop += 1) {
    const chosen = chooseSwitchInput(graph, node);
    if (chosen !== undefined) node = linkedNode(graph, chosen);
    else if (isPassThrough(node)) node = linkedNode(graph, Object.values(node.inputs)[0]);
    else break;
  }
  return node;
}

/**
 * Nodes whose text output is written at run time by a language model (prompt enhancers): the text
 * that reached the encoder is not in the file, so tracing stops there rather than report the LLM's input.
 */
const TEXT_GENERATOR_PATTERN = /TextGenerate|LLM|Ollama|Florence2|PromptEnhanc|PromptGen|Gemini/i;

function isTextGenerator(node: ComfyNode): boolean {
  return TEXT_GENERATOR_PATTERN.test(node.classType);
}

const VALUE_KEYS = [
  "value",
  "seed",
  "noise_seed",
  "text",
  "string",
  "int",
  "float",
  "number",
  "prompt",
  "Text",
];

/**
 * An input's literal value, following links through reroutes to primitive / literal nodes
 * (rgthree "Seed", "Int Literal", "String Literal", PrimitiveNode from a UI graph, …).
 */
export function resolveValue(graph: ComfyGraph, value: unknown, preferredKey?: string): unknown {
  let current = value;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const link = asLink(current);
    if (!link) return current;
    const node = graph.get(link[0]);
    if (!node || isTextGenerator(node)) return null;
    const chosen = chooseSwitchInput(graph, node);
    if (chosen !== undefined) {
      current = chosen;
      continue;
    }
    if (node.classType === "StringConcatenate") return concatenate(graph, node);
    const keys = preferredKey ? [preferredKey, ...VALUE_KEYS] : VALUE_KEYS;
    const key = keys.find((candidate) => candidate in node.inputs);
    const scalars = Object.values(node.inputs).filter((input) => !asLink(input));
    if (key !== undefined) current = node.inputs[key];
    else if (isPassThrough(node)) current = Object.values(node.inputs)[0];
    else if (scalars.length === 1) current = scalars[0];
    else return null;
  }
  return null;
}

/** ComfyUI core StringConcatenate (nodes_string.py): `delimiter.join((string_a, string_b))`. */
function concatenate(graph: ComfyGraph, node: ComfyNode): string | null {
  const parts = ["string_a", "delimiter", "string_b"].map((key) => resolveValue(graph, node.inputs[key]));
  const [first, delimiter, second] = parts;
  if (typeof first !== "string" || typeof second !== "string") return null;
  return first + (typeof delimiter === "string" ? delimiter : "") + second;
}

/** Every node reachable upstream from a node's links (bounded breadth-first walk). */
export function listAncestors(graph: ComfyGraph, start: ComfyNode): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0 && seen.size < MAX_NODES) {
    const node = queue.shift();
    if (!node) break;
    for (const [, link] of linkInputs(node)) {
      if (seen.has(link[0])) continue;
      seen.add(link[0]);
      const next = graph.get(link[0]);
      if (next) queue.push(next);
    }
  }
  return seen;
}

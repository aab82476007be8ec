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

export function linkedNode(graph: ComfyGraph, value: unknown): ComfyNode | null {
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

/** Reroutes and bypassed nodes: nothing but one link in. */
export function isPassThrough(node: ComfyNode): boolean {
  const links = linkInputs(node);
  return links.length === 1 && Object.keys(node.inputs).length === 1;
}

/** Follows reroutes from a link to the first node that does something. */
export function followLink(graph: ComfyGraph, value: unknown): ComfyNode | null {
  let node = linkedNode(graph, value);
  for (let hop = 0; node && hop < MAX_HOPS && isPassThrough(node); hop += 1) {
    node = linkedNode(graph, Object.values(node.inputs)[0]);
  }
  return node;
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
    if (!node) return null;
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

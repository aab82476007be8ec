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

export function linkInputs(node: ComfyNode): [string, ComfyLink][] {
  const links: [string, ComfyLink][] = [];
  for (const [name, value] of Object.entries(node.inputs)) {
    const link = asLink(value);
    if (link) links.push([name, link]);
  }
  return links;
}

/**
 * The first of `names` the node has as an input, compared without case: packs spell the same input
 * `steps` or `Steps`, `cfg` or `CFG`.
 */
export function findInputKey(node: ComfyNode, names: readonly string[]): string | undefined {
  const keys = Object.keys(node.inputs);
  for (const name of names) {
    const wanted = name.toLowerCase();
    const key = keys.find((candidate) => candidate.toLowerCase() === wanted);
    if (key !== undefined) return key;
  }
  return undefined;
}

export function readInput(node: ComfyNode, names: readonly string[]): unknown {
  const key = findInputKey(node, names);
  return key === undefined ? undefined : node.inputs[key];
}

/**
 * Inputs that carry a bundle of several things: Impact/Easy-Use/tinyterra `pipe`, Efficiency `sdxl_tuple`,
 * rgthree `base_ctx`, Searge `data` / `inputs` / `parameters` streams.
 */
const PIPE_INPUT = /pipe|tuple|ctx|context|^bus$|^data$|^inputs$|^parameters$|^settings$/i;

export function listPipeLinks(node: ComfyNode): unknown[] {
  return Object.entries(node.inputs)
    .filter(([name, value]) => PIPE_INPUT.test(name) && asLink(value))
    .map(([, value]) => value);
}

/** Every node reachable upstream from a node's links (bounded breadth-first walk). */
export function listAncestors(graph: ComfyGraph, start: ComfyNode): Set<string> {
  return listAncestorsOfAll(graph, [start]);
}

/** The union of the starts' ancestors in one walk (a start is in it only when another start reaches it). */
export function listAncestorsOfAll(graph: ComfyGraph, starts: ComfyNode[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  for (let index = 0; index < queue.length && seen.size < MAX_NODES; index += 1) {
    const node = queue[index];
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

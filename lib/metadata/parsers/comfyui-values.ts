import {
  asLink,
  type ComfyGraph,
  type ComfyNode,
  findInputKey,
  linkedNode,
  linkInputs,
  listPipeLinks,
  MAX_HOPS,
} from "./comfyui-graph";

/**
 * Nodes whose output is made at run time and is not in the file: language models and taggers that
 * write or rewrite a prompt, random numbers and counters. Tracing stops there (the answer is unknown).
 */
const RUN_TIME_PATTERN =
  /TextGenerate|LLM|Ollama|Florence|PromptEnhanc|PromptGen|Gemini|GPT|Tagger|Caption|Interrogat|Random ?(Number|Int|Float|Line|Text)|Counter|Load Text|Text Load|Read Text|Load .*File/i;

export function isRunTimeValue(node: ComfyNode): boolean {
  return RUN_TIME_PATTERN.test(node.classType);
}

/** Display nodes pass their input through; their own widget shows the previous run's value. */
const DISPLAY_PATTERN = /show|display|preview|debug|inspect/i;

/** The input names a caller wants first (`sampler_name` then `sampler`), before the generic value keys. */
type Preferred = string | readonly string[];

function toKeys(preferred: Preferred | undefined): string[] {
  if (preferred === undefined) return [];
  return typeof preferred === "string" ? [preferred] : [...preferred];
}

/** Inputs that hold a value node's value, in the order they are tried. */
const VALUE_KEYS = [
  "value",
  "seed",
  "noise_seed",
  "text",
  "string",
  "int",
  "float",
  "number",
  "boolean",
  "prompt",
  "populated_text",
];

const MAX_VALUE_NODE_INPUTS = 4;
const TRUE_BRANCHES = ["on_true", "tt_value", "true", "if_true", "value_if_true", "input_true"];
const FALSE_BRANCHES = ["on_false", "ff_value", "false", "if_false", "value_if_false", "input_false"];
const BOOLEAN_SELECTORS = ["switch", "boolean", "cond", "condition", "state"];
const INDEX_SELECTORS = ["select", "input", "index", "selection", "selected", "choice"];
const NUMBERED = /^(.*?)_?(\d+)$/;
/** Selectors resolved through selectors: deep enough for real graphs, bounded for cyclic ones. */
const MAX_DEPTH = 12;

/**
 * The input a switch node forwards, or undefined when the node is not a switch or its choice cannot
 * be known. A switch has a boolean selector and true/false branches (core/Crystools `on_true`/`on_false`,
 * Impact `tt_value`/`ff_value`), or a number selector picking among numbered inputs (Impact `input1…`,
 * Comfyroll `text1`/`model2`…, Easy-Use `value0…`); a node whose only inputs are numbered links with no
 * selector (rgthree Any Switch) forwards the first one connected.
 */
export function chooseSwitchInput(graph: ComfyGraph, node: ComfyNode, depth = 0): unknown {
  // Each switch is decided once per graph: selectors fed by selectors would otherwise be re-resolved
  // at every hop of every walk (exponential on a hostile graph); one being decided is a cycle.
  const decided = decisions.get(graph) ?? new Map<string, unknown>();
  decisions.set(graph, decided);
  if (decided.has(node.id)) {
    const choice = decided.get(node.id);
    return choice === DECIDING ? undefined : choice;
  }
  if (depth > MAX_DEPTH) return undefined;
  decided.set(node.id, DECIDING);
  const choice = decideSwitch(graph, node, depth);
  decided.set(node.id, choice);
  return choice;
}

const DECIDING = Symbol("deciding");
const decisions = new WeakMap<ComfyGraph, Map<string, unknown>>();

function decideSwitch(graph: ComfyGraph, node: ComfyNode, depth: number): unknown {
  const inputs = node.inputs;
  const trueKey = findInputKey(node, TRUE_BRANCHES);
  const falseKey = findInputKey(node, FALSE_BRANCHES);
  const booleanKey = findInputKey(node, BOOLEAN_SELECTORS);
  if ((trueKey || falseKey) && booleanKey) {
    const choice = toBoolean(resolveValue(graph, inputs[booleanKey], "value", depth + 1));
    if (choice === null) return undefined;
    const key = choice ? trueKey : falseKey;
    return key === undefined ? undefined : inputs[key];
  }
  const selectorKey = findInputKey(node, INDEX_SELECTORS);
  const hasNumbered = Object.keys(inputs).some((name) => name !== selectorKey && NUMBERED.test(name));
  if (selectorKey !== undefined && hasNumbered) {
    const index = Number(resolveValue(graph, inputs[selectorKey], "value", depth + 1));
    if (!Number.isInteger(index)) return undefined;
    const key = Object.keys(inputs).find(
      (name) => name !== selectorKey && Number(NUMBERED.exec(name)?.[2]) === index,
    );
    return key === undefined ? undefined : inputs[key];
  }
  const entries = Object.entries(inputs);
  const isImplicitSwitch =
    entries.length > 1 && entries.every(([name, value]) => asLink(value) && /^any_?\d+$/i.test(name));
  return isImplicitSwitch ? entries[0]?.[1] : undefined;
}

function toBoolean(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (value === "true" || value === "True" || value === "on" || value === "On") return true;
  if (value === "false" || value === "False" || value === "off" || value === "Off") return false;
  return null;
}

/** One link in and nothing else (reroutes, bypassed nodes); zeroed conditioning carries no prompt. */
function isPassThrough(node: ComfyNode): boolean {
  const links = linkInputs(node);
  return (
    links.length === 1 && Object.keys(node.inputs).length === 1 && node.classType !== "ConditioningZeroOut"
  );
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
 * What a value node hands on, one hop: a switch's chosen input, a primitive's value, a display node's
 * input, a reroute's input. Undefined when the node computes its output (it is not a value node).
 */
export function passValue(graph: ComfyGraph, node: ComfyNode, preferred?: Preferred, depth = 0): unknown {
  const chosen = chooseSwitchInput(graph, node, depth);
  if (chosen !== undefined) return chosen;
  const links = linkInputs(node);
  if (links.length === 1 && DISPLAY_PATTERN.test(node.classType)) return node.inputs[links[0]?.[0] ?? ""];
  const preferredKey = findInputKey(node, toKeys(preferred));
  if (preferredKey !== undefined) return node.inputs[preferredKey];
  // A value node holds its value beside a few widgets (control_after_generate, display); a node with
  // many settings is not one, whatever it calls its inputs.
  const valueKey =
    Object.keys(node.inputs).length <= MAX_VALUE_NODE_INPUTS ? findInputKey(node, VALUE_KEYS) : undefined;
  if (valueKey !== undefined) return node.inputs[valueKey];
  if (isPassThrough(node)) return Object.values(node.inputs)[0];
  const literals = Object.values(node.inputs).filter((input) => !asLink(input));
  return literals.length === 1 && links.length === 0 ? literals[0] : undefined;
}

/**
 * An input's literal value, following links through reroutes, switches and value nodes (core
 * PrimitiveNode, rgthree "Seed", Crystools "Primitive integer", JW "JWInteger", "Int Literal", …).
 * Null when the value is made at run time or by a node that computes it.
 */
export function resolveValue(graph: ComfyGraph, value: unknown, preferred?: Preferred, depth = 0): unknown {
  let current = value;
  for (let hop = 0; hop < MAX_HOPS && depth <= MAX_DEPTH; hop += 1) {
    const node = asLink(current) ? linkedNode(graph, current) : undefined;
    if (node === undefined) return current;
    if (node === null || isRunTimeValue(node)) return null;
    const next = passValue(graph, node, preferred, depth);
    if (next === undefined) return preferred ? findInPipes(graph, node, toKeys(preferred), depth) : null;
    current = next;
  }
  return null;
}

/**
 * A named value a pipe carries: an unpacking node (Searge `SeargeOutput2`, rgthree context, a pipe-out)
 * hands on what the node that filled the pipe holds under the same name. Bounded walk along pipe links.
 */
function findInPipes(graph: ComfyGraph, start: ComfyNode, names: string[], depth: number): unknown {
  const queue = listPipeLinks(start);
  const seen = new Set<string>([start.id]);
  while (queue.length > 0 && seen.size < MAX_HOPS) {
    const node = linkedNode(graph, queue.shift());
    if (!node || seen.has(node.id)) continue;
    seen.add(node.id);
    const key = findInputKey(node, names);
    if (key !== undefined) return resolveValue(graph, node.inputs[key], names, depth + 1);
    queue.push(...listPipeLinks(node));
  }
  return null;
}

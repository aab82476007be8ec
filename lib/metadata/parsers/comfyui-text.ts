import { asLink, type ComfyGraph, type ComfyNode, findInputKey, linkedNode, MAX_HOPS } from "./comfyui-graph";
import { chooseSwitchInput, isRunTimeValue, passValue, resolveValue } from "./comfyui-values";

/**
 * A prompt as the graph holds it. `exact` is false when a node between the literal and the encoder
 * changes the text at run time (wildcards, random choices, find-and-replace with a run-time value):
 * the text is then the template the user wrote, and a saver's record of what ran is better.
 */
export type GraphText = { text: string | null; exact: boolean };

const UNKNOWN: GraphText = { text: null, exact: false };

/**
 * Wildcard and dynamic-prompt nodes: their output is chosen at run time from the template they hold.
 * Impact's wildcard nodes are the exception: the frontend fills `populated_text` before queueing, so
 * that field is what ran.
 */
const TEMPLATE_PATTERN =
  /wildcard|DPRandom|DPCombinatorial|DynamicPrompt|Random Line|RandomPrompt|Dynamic Prompt/i;
const TEMPLATE_KEYS = ["populated_text", "wildcard_text", "text", "prompt", "string", "wildcard", "template"];

/** Concatenation inputs: WAS `text_a…`, Crystools `string_1…`, RvTools `string_1…`, core `string_a`/`string_b`, `text1…`. */
const PART_KEY = /^(text|string|str|input|part)[ _]?([a-z]|\d{1,2})$/i;
const DELIMITER_KEYS = ["delimiter", "separator", "sep", "joiner"];
const MAX_DEPTH = 16;

export function resolveText(graph: ComfyGraph, value: unknown, depth = 0): GraphText {
  let current = value;
  let exact = true;
  for (let hop = 0; hop < MAX_HOPS && depth <= MAX_DEPTH; hop += 1) {
    if (!asLink(current)) {
      return typeof current === "string" ? { text: current, exact } : { text: null, exact: false };
    }
    const node = linkedNode(graph, current);
    if (!node || isRunTimeValue(node)) return UNKNOWN;
    if (TEMPLATE_PATTERN.test(node.classType)) {
      const populated = node.inputs.populated_text;
      if (typeof populated === "string" && populated.trim() !== "") return { text: populated, exact };
      const key = findInputKey(node, TEMPLATE_KEYS);
      if (key === undefined) return UNKNOWN;
      current = node.inputs[key];
      exact = false;
      continue;
    }
    const chosen = chooseSwitchInput(graph, node);
    if (chosen !== undefined) {
      current = chosen;
      continue;
    }
    const computed = computeText(graph, node, depth);
    if (computed) return { text: computed.text, exact: exact && computed.exact };
    const next = passValue(graph, node, "text");
    if (next === undefined) return UNKNOWN;
    current = next;
  }
  return UNKNOWN;
}

/** Text-making nodes whose result follows from their inputs: concatenation, find-and-replace. */
function computeText(graph: ComfyGraph, node: ComfyNode, depth: number): GraphText | null {
  const inputs = node.inputs;
  const findKey = findInputKey(node, ["find"]);
  const replaceKey = findInputKey(node, ["replace"]);
  const textKey = findInputKey(node, ["text", "string"]);
  if (findKey && replaceKey && textKey)
    return findAndReplace(graph, node, [textKey, findKey, replaceKey], depth);
  const parts = Object.keys(inputs)
    .filter((key) => PART_KEY.test(key))
    .sort((left, right) => compareParts(left, right));
  const delimiterKey = findInputKey(node, DELIMITER_KEYS);
  if (parts.length < 2) return null;
  if (delimiterKey === undefined) {
    // A batch of linked texts (Inspire "Batch String"): each image gets one; the first is the best guess.
    // Literal numbered parts are a multi-output node's fields (WAS "Text String"), read by name.
    if (!parts.every((key) => asLink(inputs[key]))) return null;
    return { ...resolveText(graph, inputs[parts[0] ?? ""], depth + 1), exact: false };
  }
  const clean = String(resolveValue(graph, inputs.clean_whitespace)) === "true";
  let exact = true;
  const texts: string[] = [];
  for (const key of parts) {
    const part = resolveText(graph, inputs[key], depth + 1);
    if (part.text === null && asLink(inputs[key])) return { text: null, exact: false };
    exact &&= part.exact;
    const text = clean ? (part.text ?? "").trim() : (part.text ?? "");
    if (text !== "") texts.push(text);
  }
  const delimiter = resolveValue(graph, inputs[delimiterKey]);
  const joiner = typeof delimiter === "string" ? delimiter.replaceAll("\\n", "\n") : "";
  return { text: texts.join(joiner), exact };
}

/** `text_a` < `text_b`, `string_2` < `string_10`. */
function compareParts(left: string, right: string): number {
  const leftSuffix = PART_KEY.exec(left)?.[2] ?? "";
  const rightSuffix = PART_KEY.exec(right)?.[2] ?? "";
  const leftNumber = Number(leftSuffix);
  const rightNumber = Number(rightSuffix);
  if (Number.isInteger(leftNumber) && Number.isInteger(rightNumber)) return leftNumber - rightNumber;
  return leftSuffix.localeCompare(rightSuffix);
}

/** WAS "Text Find and Replace": a find that is not in the text leaves it as written, whatever the replacement. */
function findAndReplace(graph: ComfyGraph, node: ComfyNode, keys: string[], depth: number): GraphText {
  const [text, find, replace] = keys.map((key) => resolveText(graph, node.inputs[key], depth + 1));
  if (!text?.text) return { text: text?.text ?? null, exact: text?.exact ?? false };
  if (!find?.text || !text.text.includes(find.text)) return text;
  if (replace?.text === null || replace === undefined) return { text: text.text, exact: false };
  return { text: text.text.replaceAll(find.text, replace.text), exact: text.exact && replace.exact };
}

import type { LoraRef } from "../types";
import { isRecord, toNumber, toText } from "../values";
import { asLink, type ComfyGraph, type ComfyNode, findInputKey, linkedNode, MAX_HOPS } from "./comfyui-graph";
import { resolveText } from "./comfyui-text";
import { resolveValue } from "./comfyui-values";

/** A LoRA's name in one of the numbered forms stackers use: `lora_name_3`, `lora_3_name`, Searge `lora_3`. */
const NUMBERED_NAME = /^lora_?(?:name_?(\d+)|(\d+)_?name|(\d+))$/i;
const SINGLE_WEIGHT_KEYS = [
  "strength_model",
  "lora_model_strength",
  "model_strength",
  "lora_strength",
  "lora_weight",
  "strength",
  "weight",
];
/** Weight keys of entry N, simple-mode spelling first (Efficiency `lora_wt_N`, Easy-Use `lora_N_strength`). */
const SIMPLE_WEIGHTS = ["lora_wt_#", "lora_#_strength", "strength_#", "lora_strength_#", "weight_#"];
const MODEL_WEIGHTS = [
  "model_str_#",
  "model_weight_#",
  "lora_#_model_strength",
  "model_strength_#",
  "strength_model_#",
];
const SWITCH_KEYS = ["switch_#", "lora_#_enabled", "lora_#_enable", "enabled_#", "on_#", "lora_#_on"];
const COUNT_KEYS = ["lora_count", "num_loras", "loras_count", "lora_number"];
const STACK_KEYS = ["lora_stack", "loras", "lora_stack_opt", "optional_lora_stack", "prev_lora"];
const TAG = /<(?:lora|lyco):([^:>]+)(?::([^:>]*))?[^>]*>/g;

/**
 * Every LoRA a node applies, with its weight: a single loader (`lora_name` + strength), a stacker's
 * numbered entries (only the first `lora_count`, only those switched on, weights by its mode), rgthree
 * Power Lora Loader's `lora_N` objects, `<lora:name:weight>` tags a tag loader reads from its text,
 * then the stack linked into its `lora_stack` input, recursively.
 */
export function readLoras(graph: ComfyGraph, node: ComfyNode, depth = 0): LoraRef[] {
  // Easy-Use `toggle` / Comfyroll stacks switched off as a whole apply nothing (the stack below neither).
  const toggle = resolveValue(graph, node.inputs.toggle);
  if (toggle === false || toggle === "off") return [];
  const loras = [...readSingle(graph, node), ...readNumbered(graph, node), ...readTags(graph, node)];
  const stackKey = findInputKey(node, STACK_KEYS);
  const stack = stackKey === undefined ? null : linkedNode(graph, node.inputs[stackKey]);
  if (stack && depth < MAX_HOPS) loras.push(...readLoras(graph, stack, depth + 1));
  return loras;
}

function readSingle(graph: ComfyGraph, node: ComfyNode): LoraRef[] {
  const key = findInputKey(node, ["lora_name"]);
  const name = key === undefined ? null : readLoraName(graph, node.inputs[key]);
  if (name === null) return [];
  const weight = findInputKey(node, SINGLE_WEIGHT_KEYS);
  return [{ name, weight: weight === undefined ? null : toNumber(resolveValue(graph, node.inputs[weight])) }];
}

function readNumbered(graph: ComfyGraph, node: ComfyNode): LoraRef[] {
  const inputs = node.inputs;
  const countKey = findInputKey(node, COUNT_KEYS);
  const count =
    (countKey === undefined ? null : toNumber(resolveValue(graph, inputs[countKey]))) ??
    Number.POSITIVE_INFINITY;
  const mode = String(resolveValue(graph, inputs.input_mode ?? inputs.mode) ?? "");
  const weightKeys = /advanced/i.test(mode)
    ? [...MODEL_WEIGHTS, ...SIMPLE_WEIGHTS]
    : [...SIMPLE_WEIGHTS, ...MODEL_WEIGHTS];
  const loras: LoraRef[] = [];
  for (const [key, value] of Object.entries(inputs)) {
    const object = isRecord(value) && /^lora_\d+$/i.test(key) ? readPowerLora(value) : undefined;
    if (object !== undefined) {
      if (object) loras.push(object);
      continue;
    }
    const match = NUMBERED_NAME.exec(key);
    const index = Number(match?.[1] ?? match?.[2] ?? match?.[3]);
    if (!match || !(index <= count)) continue;
    const name = readLoraName(graph, value);
    if (name === null || isSwitchedOff(graph, node, index)) continue;
    const weightKey = findInputKey(
      node,
      weightKeys.map((pattern) => pattern.replace("#", String(index))),
    );
    const weight = weightKey === undefined ? null : toNumber(resolveValue(graph, inputs[weightKey]));
    loras.push({ name, weight });
  }
  return loras;
}

/** rgthree Power Lora Loader: `{ on, lora, strength, strengthTwo }`; an entry switched off is not applied. */
function readPowerLora(entry: Record<string, unknown>): LoraRef | null | undefined {
  if (!("lora" in entry)) return undefined;
  const name = toText(entry.lora);
  if (entry.on === false || !isNamed(name)) return null;
  return { name, weight: toNumber(entry.strength) };
}

function isSwitchedOff(graph: ComfyGraph, node: ComfyNode, index: number): boolean {
  const key = findInputKey(
    node,
    SWITCH_KEYS.map((pattern) => pattern.replace("#", String(index))),
  );
  if (key === undefined) return false;
  const value = resolveValue(graph, node.inputs[key]);
  return value === false || value === "Off" || value === "off" || value === 0;
}

/**
 * Tag loaders apply the `<lora:…>` tags written in their text: LoraTagLoader's `text`, Impact's wildcard
 * encoder's `populated_text` (it loads the LoRAs it names), tinyterra's pipe loader `loras`.
 */
function readTags(graph: ComfyGraph, node: ComfyNode): LoraRef[] {
  const key = findInputKey(node, ["loras", "populated_text", "text"]);
  const appliesTags = /lora|wildcard/i.test(node.classType) || key === "loras";
  if (
    key === undefined ||
    !appliesTags ||
    (!asLink(node.inputs.model ?? node.inputs.clip ?? null) && key !== "loras")
  )
    return [];
  const text = resolveText(graph, node.inputs[key]).text ?? "";
  return [...text.matchAll(TAG)].map((match) => ({
    name: (match[1] ?? "").trim(),
    weight: toNumber(match[2]) ?? (match[2] === undefined ? 1 : null),
  }));
}

/** A LoRA file name; LoRA Manager nodes wrap it as `{ content: "name.safetensors", … }`. */
function readLoraName(graph: ComfyGraph, value: unknown): string | null {
  const resolved = asLink(value) ? resolveValue(graph, value, "lora_name") : value;
  const name = isRecord(resolved)
    ? toText(resolved.content ?? resolved.name ?? resolved.value)
    : toText(resolved);
  return isNamed(name) ? name : null;
}

export function isNamed(value: string | null): value is string {
  return value !== null && value !== "" && value.toLowerCase() !== "none" && value !== "Baked VAE";
}

import { parseLenientJson } from "../lenient-json";
import { emptyGenerationMetadata, type GenerationMetadata } from "../types";
import { isRecord } from "../values";
import { analyseGraph } from "./comfyui-analysis";
import { toComfyGraph } from "./comfyui-graph";
import { readSubgraphPrompt } from "./comfyui-subgraph";
import { convertWorkflowToGraph } from "./comfyui-workflow";

export type ComfyPayload = { prompt?: string; workflow?: string };

/** True when JSON looks like an API graph: an object whose values are nodes with class_type. */
export function isComfyApiGraph(value: unknown): boolean {
  return (
    isRecord(value) &&
    Object.values(value).some((node) => isRecord(node) && typeof node.class_type === "string")
  );
}

export function isComfyWorkflow(value: unknown): boolean {
  return isRecord(value) && Array.isArray(value.nodes);
}

/**
 * ComfyUI `prompt` (API graph, what actually ran) and `workflow` (UI graph). The API graph is
 * analysed when present; the UI graph is converted and analysed only as a fallback.
 */
export function parseComfyUi(payload: ComfyPayload, warnings: string[]): GenerationMetadata {
  const metadata = emptyGenerationMetadata();
  metadata.generator = "comfyui";
  const prompt = payload.prompt === undefined ? undefined : parseLenientJson(payload.prompt);
  const workflow = payload.workflow === undefined ? undefined : parseLenientJson(payload.workflow);
  if (prompt && !prompt.ok) warnings.push(`comfyui: prompt JSON unreadable (${prompt.error})`);
  if (workflow && !workflow.ok) warnings.push(`comfyui: workflow JSON unreadable (${workflow.error})`);
  const apiGraph = prompt?.ok ? toComfyGraph(prompt.value) : null;
  const uiGraph = !apiGraph && workflow?.ok ? convertWorkflowToGraph(workflow.value) : null;
  metadata.workflow = workflow?.ok ? workflow.value : prompt?.ok ? prompt.value : null;
  const extra = workflow?.ok && isRecord(workflow.value) ? workflow.value.extra : null;
  if (isRecord(extra) && typeof extra.frontendVersion === "string")
    metadata.generatorVersion = extra.frontendVersion;
  const civitai = prompt?.ok && isRecord(prompt.value) ? readExtraMetadata(prompt.value.extraMetadata) : null;
  if (civitai) metadata.params.extraMetadata = civitai;
  const graph = apiGraph ?? uiGraph;
  if (!graph) return metadata;
  if (uiGraph) metadata.params.graphSource = "workflow";
  analyseGraph(graph, metadata, warnings);
  if (metadata.prompt === null && workflow?.ok) {
    metadata.prompt = readSubgraphPrompt(workflow.value, graph);
    // What the user typed, not necessarily what the encoder got (a language model may have rewritten it).
    if (metadata.prompt !== null) metadata.params.promptSource = "subgraph input";
  }
  return metadata;
}

/** Civitai's generator adds `extraMetadata` to the API graph: its form's settings and resources, as a JSON string. */
function readExtraMetadata(value: unknown): Record<string, unknown> | null {
  if (isRecord(value)) return value;
  if (typeof value !== "string") return null;
  const parsed = parseLenientJson(value);
  return parsed.ok && isRecord(parsed.value) ? parsed.value : null;
}

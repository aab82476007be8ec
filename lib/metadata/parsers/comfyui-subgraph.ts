import { isRecord } from "../values";
import type { ComfyGraph } from "./comfyui-graph";
import { resolveValue } from "./comfyui-values";

/** Subgraph input labels a template gives the text the user types (Comfy-Org templates say "prompt"). */
const PROMPT_LABELS = new Set(["prompt", "text", "positive", "positive_prompt", "positive prompt"]);

/**
 * The prompt a user typed into a subgraph template (Krea-2, Qwen, … templates: API node ids `30:19`)
 * when the encoder's text cannot be traced to a literal, e.g. because a language model rewrote it at
 * run time. The UI graph's subgraph definition says which inner input its "prompt" field feeds; the
 * value is read from the API graph (what ran), at `<instance id>:<inner node id>`.
 */
export function readSubgraphPrompt(workflow: unknown, graph: ComfyGraph): string | null {
  if (!isRecord(workflow) || !Array.isArray(workflow.nodes) || !isRecord(workflow.definitions)) return null;
  const subgraphs = workflow.definitions.subgraphs;
  if (!Array.isArray(subgraphs)) return null;
  for (const subgraph of subgraphs) {
    if (!isRecord(subgraph) || !Array.isArray(subgraph.inputs) || !Array.isArray(subgraph.links)) continue;
    const input = subgraph.inputs.find(
      (entry) =>
        isRecord(entry) &&
        entry.type === "STRING" &&
        PROMPT_LABELS.has(String(entry.label ?? entry.name).toLowerCase()),
    );
    if (!isRecord(input) || !Array.isArray(input.linkIds)) continue;
    const instances = workflow.nodes.filter((node) => isRecord(node) && node.type === subgraph.id);
    for (const linkId of input.linkIds) {
      const link = subgraph.links.find((entry) => isRecord(entry) && entry.id === linkId);
      if (!isRecord(link)) continue;
      const inner = Array.isArray(subgraph.nodes)
        ? subgraph.nodes.find((node) => isRecord(node) && node.id === link.target_id)
        : undefined;
      const slot =
        isRecord(inner) && Array.isArray(inner.inputs) ? inner.inputs[Number(link.target_slot)] : null;
      const inputName = isRecord(slot) && typeof slot.name === "string" ? slot.name : "value";
      for (const instance of instances) {
        const node = isRecord(instance)
          ? graph.get(`${String(instance.id)}:${String(link.target_id)}`)
          : null;
        const value = node ? resolveValue(graph, node.inputs[inputName], "text") : null;
        if (typeof value === "string") return value;
      }
    }
  }
  return null;
}

import { isRecord } from "./values";

export type WorkflowTool = "ComfyUI" | "InvokeAI" | null;

/**
 * Which tool can load a stored workflow, for naming the download: read from the graph's shape, so
 * an InvokeAI graph is never offered as a ComfyUI workflow. ComfyUI UI graphs have `nodes` + `links`
 * arrays (API graphs: nodes keyed by id with `class_type`); InvokeAI graphs and workflows have `edges`.
 */
export function identifyWorkflowTool(generator: string | null, workflow: unknown): WorkflowTool {
  if (!isRecord(workflow)) return null;
  if ("edges" in workflow && "nodes" in workflow) return "InvokeAI";
  if (Array.isArray(workflow.nodes) && Array.isArray(workflow.links)) return "ComfyUI";
  const nodes = Object.values(workflow);
  if (nodes.some((node) => isRecord(node) && typeof node.class_type === "string")) return "ComfyUI";
  return generator === "invokeai" ? "InvokeAI" : generator === "comfyui" ? "ComfyUI" : null;
}

import { describe, expect, it } from "vitest";
import { findSampleText } from "./testing/fixtures";
import { identifyWorkflowTool } from "./workflow-tool";

describe("identifyWorkflowTool", () => {
  it("names ComfyUI for UI and API graphs, InvokeAI for InvokeAI graphs and workflows", () => {
    const parse = (text: string) => JSON.parse(text) as unknown;
    expect(identifyWorkflowTool("comfyui", parse(findSampleText("comfyui-basic", "workflow")))).toBe(
      "ComfyUI",
    );
    expect(identifyWorkflowTool("a1111", parse(findSampleText("comfyui-sdxl-refiner", "prompt")))).toBe(
      "ComfyUI",
    );
    expect(identifyWorkflowTool("invokeai", parse(findSampleText("invokeai", "invokeai_graph")))).toBe(
      "InvokeAI",
    );
    // An InvokeAI workflow posted without a generator is still InvokeAI's.
    expect(identifyWorkflowTool(null, { name: "w", nodes: [], edges: [], meta: { category: "user" } })).toBe(
      "InvokeAI",
    );
    expect(identifyWorkflowTool("other", { steps: [] })).toBeNull();
    expect(identifyWorkflowTool("comfyui", "not a graph")).toBeNull();
  });
});

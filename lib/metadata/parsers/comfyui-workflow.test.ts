import { describe, expect, it } from "vitest";
import { parseComfyUi } from "./comfyui";

/** UI graphs ("workflow" chunk only) as the old frontend saves them: widget values without names. */
type UiNode = {
  id: number;
  type: string;
  mode?: number;
  inputs?: { name: string; type: string; link: number | null }[];
  widgets_values?: unknown[];
};

const input = (name: string, link: number | null, type = "*") => ({ name, type, link });
const readWorkflow = (workflow: Record<string, unknown>) =>
  parseComfyUi({ workflow: JSON.stringify(workflow) }, []);

describe("UI-graph workflows of custom packs", () => {
  it("names Efficiency widgets from the pack's definitions and wires KJNodes Set/Get nodes", () => {
    const nodes: UiNode[] = [
      {
        id: 1,
        type: "Efficient Loader",
        widgets_values: [
          "harbor_v3.safetensors",
          "Baked VAE",
          -1,
          "None",
          1,
          1,
          "a harbor at night",
          "people",
          "none",
          "comfy",
          640,
          448,
          1,
        ],
      },
      { id: 2, type: "SetNode", inputs: [input("MODEL", 10, "MODEL")], widgets_values: ["model"] },
      { id: 3, type: "GetNode", inputs: [], widgets_values: ["model"] },
      {
        id: 4,
        type: "KSampler (Efficient)",
        inputs: [input("model", 11), input("positive", 12), input("negative", 13), input("latent_image", 14)],
        widgets_values: [555, "fixed", 24, 6, "euler", "normal", 1, "auto", "true"],
      },
      { id: 5, type: "Note", mode: 0, widgets_values: ["the loader's model goes through Set/Get"] },
    ];
    const links = [
      [10, 1, 0, 2, 0, "MODEL"],
      [11, 3, 0, 4, 0, "MODEL"],
      [12, 1, 1, 4, 1, "CONDITIONING"],
      [13, 1, 2, 4, 2, "CONDITIONING"],
      [14, 1, 3, 4, 3, "LATENT"],
    ];
    expect(readWorkflow({ nodes, links })).toMatchObject({
      prompt: "a harbor at night",
      negativePrompt: "people",
      seed: "555",
      steps: 24,
      cfgScale: 6,
      sampler: "euler",
      model: "harbor_v3.safetensors",
      width: 640,
      height: 448,
      params: { graphSource: "workflow" },
    });
  });

  it("names the widgets of unknown nodes by role, and follows Anything Everywhere broadcasts", () => {
    const nodes: UiNode[] = [
      { id: 1, type: "MyCheckpointLoader", widgets_values: ["artsy_v2.safetensors"] },
      {
        id: 2,
        type: "MyPromptBox",
        inputs: [input("clip", null, "CLIP")],
        widgets_values: ["a watercolor fox", true],
      },
      {
        id: 3,
        type: "MyPromptBox",
        inputs: [input("clip", null, "CLIP")],
        widgets_values: ["muddy colors", true],
      },
      { id: 5, type: "EmptyLatentImage", widgets_values: [512, 768, 1] },
      {
        id: 4,
        type: "FancySampler",
        inputs: [input("model", 22), input("positive", 23), input("negative", 24), input("latent_image", 25)],
        widgets_values: [31415, "randomize", 33, 5.5, "dpmpp_2m_sde", "karras", 1, "extra"],
      },
    ];
    const links = [
      [22, 1, 0, 4, 0, "MODEL"],
      [23, 2, 0, 4, 1, "CONDITIONING"],
      [24, 3, 0, 4, 2, "CONDITIONING"],
      [25, 5, 0, 4, 3, "LATENT"],
    ];
    const ue_links = [
      { downstream: 2, downstream_slot: 0, upstream: "1", upstream_slot: 1, controller: 9, type: "CLIP" },
      { downstream: 3, downstream_slot: 0, upstream: "1", upstream_slot: 1, controller: 9, type: "CLIP" },
    ];
    expect(readWorkflow({ nodes, links, extra: { ue_links } })).toMatchObject({
      prompt: "a watercolor fox",
      negativePrompt: "muddy colors",
      seed: "31415",
      steps: 33,
      cfgScale: 5.5,
      sampler: "dpmpp_2m_sde",
      scheduler: "karras",
      model: "artsy_v2.safetensors",
      width: 512,
      height: 768,
    });
  });
});

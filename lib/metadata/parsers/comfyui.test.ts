import { describe, expect, it } from "vitest";
import { findSampleText } from "../testing/fixtures";
import { COMFY_CUSTOM_ADVANCED, COMFY_TWO_SAMPLERS } from "../testing/synthetic-payloads";
import { parseComfyUi } from "./comfyui";

function parse(prompt?: string, workflow?: string) {
  const warnings: string[] = [];
  const metadata = parseComfyUi({ prompt, workflow }, warnings);
  return { metadata, warnings };
}

describe("parseComfyUi", () => {
  it("reads the basic sample's API graph", () => {
    const { metadata, warnings } = parse(
      findSampleText("comfyui-basic", "prompt"),
      findSampleText("comfyui-basic", "workflow"),
    );
    expect(warnings).toEqual([]);
    expect(metadata).toMatchObject({
      generator: "comfyui",
      generatorVersion: "1.35.9",
      prompt: "general, masterpiece, best quality, amazing quality, \n1girl, solo, hatsune miku, テスト, ",
      negativePrompt: "bad quality, worst quality, worst detail, sketch, censor, \n",
      seed: "422847914351919",
      steps: 20,
      sampler: "euler_ancestral",
      scheduler: "karras",
      cfgScale: 5,
      denoise: 1,
      width: 1024,
      height: 1024,
      model: "waiIllustriousSDXL_v160.safetensors",
      clipSkip: 2,
      loras: [],
      vae: null,
    });
    expect(metadata.workflow).toMatchObject({ nodes: expect.any(Array) });
  });

  it("falls back to the UI graph when there is no API graph", () => {
    const { metadata } = parse(undefined, findSampleText("comfyui-basic", "workflow"));
    expect(metadata).toMatchObject({
      seed: "422847914351919",
      steps: 20,
      cfgScale: 5,
      sampler: "euler_ancestral",
      width: 1024,
      model: "waiIllustriousSDXL_v160.safetensors",
      clipSkip: 2,
      negativePrompt: "bad quality, worst quality, worst detail, sketch, censor, \n",
    });
    expect(metadata.params.graphSource).toBe("workflow");
  });

  it("follows rgthree Power Prompt text", () => {
    const { metadata } = parse(findSampleText("comfyui-rgthree", "prompt"));
    expect(metadata.prompt).toBe(
      "general, masterpiece, best quality, amazing quality, \n1girl, solo, hatsune miku, テスト, ",
    );
    expect(metadata.clipSkip).toBe(2);
  });

  it("reads an SDXL base + refiner graph as the base pass; the refiner's settings go to params.refiner", () => {
    const { metadata } = parse(findSampleText("comfyui-sdxl-refiner", "prompt"));
    expect(metadata).toMatchObject({
      prompt: "daytime sky nature dark blue galaxy bottle",
      negativePrompt: "text, watermark",
      seed: "6767725640732",
      steps: 25,
      model: "sd_xl_base_1.0.safetensors",
      width: 1024,
      height: 1024,
    });
    expect(metadata.params.refiner).toMatchObject({
      nodeId: "11",
      model: "sd_xl_refiner_1.0.safetensors",
      steps: 25,
      startAtStep: 20,
      prompt: "daytime scenery  sky nature dark blue bottle with a galaxy stars milky way in it",
      negativePrompt: "text, watermark",
    });
    expect(metadata.params.refiner).not.toHaveProperty("seed");
    expect(metadata.params.otherSamplers).toBeUndefined();
  });

  it("reads the Krea-2 subgraph template: model through a switch, prompt typed into the subgraph", () => {
    const { metadata } = parse(findSampleText("krea2", "prompt"), findSampleText("krea2", "workflow"));
    expect(metadata).toMatchObject({
      prompt: "初音ミクのポートレート。美麗な2Dアニメイラスト。白背景。",
      // ConditioningZeroOut: the negative is zeroed, not the positive text
      negativePrompt: null,
      model: "krea2_turbo_int8_convrot.safetensors",
      seed: "371644226245214",
      // EmptyLatentImage's width and height come from a core ResolutionSelector (1:1, 1 MP)
      width: 1024,
      height: 1024,
    });
    expect(metadata.params.promptSource).toBe("subgraph input");
  });

  it("reads the latent size from resolution helpers: ResolutionSelector's formula, a size preset latent node", () => {
    const sampler = (latent: string) => ({
      class_type: "KSampler",
      inputs: {
        seed: 1,
        steps: 4,
        cfg: 1,
        sampler_name: "euler",
        scheduler: "simple",
        denoise: 1,
        model: ["1", 0],
        positive: ["2", 0],
        negative: ["2", 0],
        latent_image: [latent, 0],
      },
    });
    const base = {
      "1": { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: "a.safetensors" } },
      "2": { class_type: "CLIPTextEncode", inputs: { text: "a cat", clip: ["1", 1] } },
    };
    const selector = parse(
      JSON.stringify({
        ...base,
        "3": {
          class_type: "ResolutionSelector",
          inputs: { aspect_ratio: "16:9 (Widescreen)", megapixels: 1, multiple: 8 },
        },
        "4": {
          class_type: "EmptySD3LatentImage",
          inputs: { width: ["3", 0], height: ["3", 1], batch_size: 1 },
        },
        "5": sampler("4"),
      }),
    );
    expect(selector.metadata).toMatchObject({ width: 1368, height: 768 });
    const picker = parse(
      JSON.stringify({
        ...base,
        "3": {
          class_type: "SDXLEmptyLatentSizePicker+",
          inputs: { resolution: "832x1216 (0.68)", batch_size: 1, width_override: 0, height_override: 0 },
        },
        "5": sampler("3"),
      }),
    );
    expect(picker.metadata).toMatchObject({ width: 832, height: 1216 });
  });

  it("follows switches, string concatenation and primitives to the encoder's text", () => {
    const graph = JSON.stringify({
      "1": { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: "a.safetensors" } },
      "2": { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: "b.safetensors" } },
      "3": { class_type: "PrimitiveBoolean", inputs: { value: false } },
      "4": {
        class_type: "ComfySwitchNode",
        inputs: { switch: ["3", 0], on_true: ["1", 0], on_false: ["2", 0] },
      },
      "5": { class_type: "PrimitiveStringMultiline", inputs: { value: "a cat" } },
      "6": {
        class_type: "StringConcatenate",
        inputs: { string_a: ["5", 0], string_b: "studio", delimiter: ", " },
      },
      "7": { class_type: "CLIPTextEncode", inputs: { text: ["6", 0], clip: ["4", 1] } },
      "8": { class_type: "ConditioningZeroOut", inputs: { conditioning: ["7", 0] } },
      "9": { class_type: "EmptyLatentImage", inputs: { width: 512, height: 512, batch_size: 1 } },
      "10": {
        class_type: "KSampler",
        inputs: {
          seed: 1,
          steps: 4,
          cfg: 1,
          sampler_name: "euler",
          scheduler: "simple",
          denoise: 1,
          model: ["4", 0],
          positive: ["7", 0],
          negative: ["8", 0],
          latent_image: ["9", 0],
        },
      },
    });
    const { metadata } = parse(graph);
    expect(metadata).toMatchObject({ prompt: "a cat, studio", negativePrompt: null, model: "b.safetensors" });
  });

  it("reads img2img: denoise and the input image, no latent size", () => {
    const { metadata } = parse(findSampleText("comfyui-img2img", "prompt"));
    expect(metadata).toMatchObject({
      denoise: 0.87, // saved as 0.8700000000000001: float widget noise
      width: null,
      height: null,
      sampler: "dpmpp_2m",
    });
    expect(metadata.params.inputImage).toBe("example.png");
  });

  it("handles two samplers, a hires upscale, three chained LoRAs, reroutes, NaN and a seed past 2^53", () => {
    const { metadata, warnings } = parse(COMFY_TWO_SAMPLERS);
    expect(warnings).toEqual([]);
    expect(metadata).toMatchObject({
      prompt: "a lighthouse at dusk, 🌊 waves",
      negativePrompt: "lowres, watermark",
      seed: "42",
      steps: 15,
      cfgScale: 5.5,
      sampler: "euler",
      scheduler: "normal",
      denoise: 0.45,
      width: 896,
      height: 1152,
      model: "juggernautXL_v9.safetensors",
      vae: "sdxl_vae.safetensors",
      clipSkip: 2,
      hires: { node: "LatentUpscaleBy", upscaler: "nearest-exact", upscale: 1.5, steps: 15, denoise: 0.45 },
    });
    expect(metadata.loras).toEqual([
      { name: "add-detail-xl.safetensors", weight: 0.8 },
      { name: "film_grain.safetensors", weight: 0.5 },
      { name: "styles/ink.safetensors", weight: 1.1 },
    ]);
    expect(metadata.params.otherSamplers).toEqual([
      expect.objectContaining({ nodeId: "3", seed: "123456789012345678", steps: 30, sampler: "dpmpp_2m" }),
    ]);
    expect(metadata.params.finalSampler).toEqual({ nodeId: "15", classType: "KSampler" });
  });

  it("reads SamplerCustomAdvanced through guider, noise, sampler select and scheduler nodes", () => {
    const { metadata } = parse(COMFY_CUSTOM_ADVANCED);
    expect(metadata).toMatchObject({
      prompt: "a red fox in snow",
      negativePrompt: null,
      seed: "987654321",
      steps: 20,
      sampler: "euler",
      scheduler: "simple",
      denoise: 1,
      cfgScale: 3.5, // FluxGuidance: the guider has no CFG of its own
      width: 1024,
      height: 768,
      model: "flux1-dev.safetensors",
    });
  });

  it("warns and keeps going on broken JSON", () => {
    const { metadata, warnings } = parse('{"3": {"class_type": "KSampler", "inputs": {', undefined);
    expect(metadata.generator).toBe("comfyui");
    expect(metadata.prompt).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/^comfyui: prompt JSON unreadable/)]);
  });

  it("reads a hostile graph in one pass: selectors fed by selectors in a cycle, thousands of samplers and outputs", () => {
    const graph: Record<string, unknown> = {
      c: { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: "m.safetensors" } },
    };
    const count = 2000;
    for (let index = 0; index < count; index += 1) {
      const settings = { seed: index, steps: 1, cfg: 1, sampler_name: "euler", scheduler: "normal" };
      const previous = index > 0 ? `s${index - 1}` : "c";
      graph[`s${index}`] = {
        class_type: "KSampler",
        inputs: {
          ...settings,
          model: ["c", 0],
          positive: [`w${index}`, 0],
          negative: [`w${index}`, 0],
          latent_image: [previous, 0],
        },
      };
      graph[`w${index}`] = {
        class_type: "ImpactSwitch",
        inputs: {
          select: [`w${(index + 1) % count}`, 0],
          input1: [`w${(index + 7) % count}`, 0],
          input2: [`s${index}`, 0],
        },
      };
      graph[`o${index}`] = { class_type: "SaveImage", inputs: { images: [`s${index}`, 0] } };
    }
    const { metadata } = parse(JSON.stringify(graph));
    expect(metadata.model).toBe("m.safetensors");
    expect(metadata.params.otherSamplers).toHaveLength(16);
    expect(metadata.params.otherSamplerCount).toBe(count - 1);
  });
});

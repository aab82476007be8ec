import { describe, expect, it } from "vitest";
import { findSampleText } from "../testing/fixtures";
import { A1111_NASTY } from "../testing/synthetic-payloads";
import { parseA1111 } from "./a1111";
import { parseSettingsLine } from "./a1111-settings-line";

describe("parseSettingsLine", () => {
  it("reads quoted values with commas and escaped quotes, and bracketed JSON", () => {
    expect(
      parseSettingsLine(
        'Steps: 20, Lora hashes: "a: 1, b: 2", Note: "say \\"hi\\"", Hashes: {"x": "1, 2"}, Size: 1x2',
      ),
    ).toEqual([
      ["Steps", "20"],
      ["Lora hashes", "a: 1, b: 2"],
      ["Note", 'say "hi"'],
      ["Hashes", '{"x": "1, 2"}'],
      ["Size", "1x2"],
    ]);
  });
});

describe("parseA1111", () => {
  it("reads the stable-diffusion-webui sample", () => {
    const metadata = parseA1111(findSampleText("a1111-sd-webui", "parameters"));
    expect(metadata).toMatchObject({
      generator: "a1111",
      generatorVersion: "v1.10.1",
      // verbatim: the trailing comma, space and newline are the writer's
      prompt: "general, masterpiece, best quality, amazing quality, \n1girl, solo, hatsune miku, テスト\n",
      negativePrompt: "bad quality, worst quality, worst detail, sketch, censor, \n",
      seed: "3782896554",
      steps: 20,
      sampler: "DPM++ 2M",
      scheduler: "Karras",
      cfgScale: 7,
      width: 1024,
      height: 1024,
      model: "waiIllustriousSDXL_v160",
      modelHash: "45a21ea00a",
      loras: [],
      params: {},
    });
  });

  it("reads SD.Next's key order and keeps its extra keys in params", () => {
    const metadata = parseA1111(findSampleText("a1111-sdnext", "parameters"));
    expect(metadata).toMatchObject({
      sampler: "DDIM",
      seed: "2427651458",
      cfgScale: 6,
      generatorVersion: "56a8aea",
    });
    expect(metadata.params).toEqual({
      App: "SD.Next",
      Pipeline: "StableDiffusionXLPipeline",
      Operations: "txt2img",
      "Sampler sigma": "exponential",
    });
  });

  it("reads Forge neo with Clip skip", () => {
    const metadata = parseA1111(findSampleText("a1111-forge-neo", "parameters"));
    expect(metadata).toMatchObject({
      clipSkip: 2,
      sampler: "Euler a",
      scheduler: "Automatic",
      steps: 24,
      generatorVersion: "neo",
    });
    expect(metadata.params).toEqual({ RNG: "CPU" });
  });

  it("handles quoted 'Negative prompt:', emoji, LoRA tags and hashes, hires, Civitai keys and a 64-bit seed", () => {
    const metadata = parseA1111(A1111_NASTY);
    expect(metadata.prompt).toBe(
      'a poster that says "Negative prompt: none", <lora:detail_tweaker:0.6>, 🐱 café ✨\n' +
        '"Negative prompt: still the prompt" <lora:film grain:1.2> <lyco:softLight:0.8:0.5>',
    );
    expect(metadata.negativePrompt).toBe("blurry, 低品質\nextra negative line");
    expect(metadata.seed).toBe("18446744073709551615");
    expect(metadata).toMatchObject({
      steps: 28,
      sampler: "DPM++ 2M SDE",
      scheduler: "Karras",
      cfgScale: 6.5,
      width: 832,
      height: 1216,
      model: "ponyDiffusionV6XL",
      modelHash: "6ce0161689",
      modelVersion: "V6 (start with this one)",
      vae: "sdxl_vae.safetensors",
      denoise: 0.35,
      clipSkip: 2,
      generatorVersion: "f2.0.1v1.10.1-previous-313-g8a042934",
      hires: { upscale: "1.5", steps: "12", upscaler: "4x-UltraSharp" },
    });
    expect(metadata.loras).toEqual([
      { name: "detail_tweaker", weight: 0.6, hash: "e2b1c4b6" },
      { name: "film grain", weight: 1.2, hash: "1a2b3c4d" },
      { name: "softLight", weight: 0.8, hash: "9f8e7d6c" },
    ]);
    expect(metadata.params["ADetailer prompt"]).toBe("face, Negative prompt: smile, closed eyes");
    expect(metadata.params["TI hashes"]).toBe("easynegative: c74b4e810b03");
    expect(metadata.params.Hashes).toEqual({
      model: "6ce0161689",
      "lora:softLight": "9f8e7d6c",
      "embed:easynegative": "c74b4e810b03",
    });
    expect(metadata.params["Civitai resources"]).toEqual([
      {
        type: "checkpoint",
        modelVersionId: 290640,
        modelName: "Pony Diffusion V6 XL",
        modelVersionName: "V6 (start with this one)",
      },
    ]);
  });

  it("takes a text without a settings line as the prompt only", () => {
    expect(parseA1111("just a prompt: with a colon\nsecond line")).toMatchObject({
      prompt: "just a prompt: with a colon\nsecond line",
      negativePrompt: null,
      steps: null,
    });
  });
});

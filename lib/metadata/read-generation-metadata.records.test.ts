import { describe, expect, it } from "vitest";
import { readGenerationMetadata } from "./read-generation-metadata";
import { encodeJpeg } from "./testing/jpeg-webp-encoder";
import { concatBytes, encodePng, textChunk } from "./testing/png-encoder";

const IMAGE = { width: 8, height: 8 };
const png = (...chunks: [string, string][]) =>
  encodePng(
    IMAGE,
    chunks.map(([keyword, text]) => textChunk(keyword, text)),
  );
const read = async (...chunks: [string, string][]) => (await readGenerationMetadata(png(...chunks))).metadata;

describe("empty is not absent", () => {
  it("reads an A1111 infotext that starts with Negative prompt: as an empty prompt", async () => {
    const metadata = await read([
      "parameters",
      "Negative prompt: lowres\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512",
    ]);
    expect(metadata).toMatchObject({ prompt: "", negativePrompt: "lowres", steps: 20 });
  });

  it("reads an empty negative and an empty ComfyUI encoder text as recorded empty", async () => {
    const graph = {
      1: { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: "m.safetensors" } },
      2: { class_type: "CLIPTextEncode", inputs: { text: "", clip: ["1", 1] } },
      3: { class_type: "CLIPTextEncode", inputs: { text: "", clip: ["1", 1] } },
      4: { class_type: "EmptyLatentImage", inputs: { width: 64, height: 64, batch_size: 1 } },
      5: {
        class_type: "KSampler",
        inputs: {
          ...{ seed: 1, steps: 2, cfg: 1, sampler_name: "euler", scheduler: "normal", denoise: 1 },
          ...{ model: ["1", 0], positive: ["2", 0], negative: ["3", 0], latent_image: ["4", 0] },
        },
      },
    };
    expect(await read(["prompt", JSON.stringify(graph)])).toMatchObject({ prompt: "", negativePrompt: "" });
  });
});

describe("A1111 text around the settings line", () => {
  it("reads the settings line before Dynamic Prompts' Template lines and keeps them in params", async () => {
    const metadata = await read([
      "parameters",
      "A diamond ring set on a platinum band.\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 2602647927, " +
        "Size: 512x512, Model hash: 9ca13f02\nTemplate: A diamond ring set on a {{rose|yellow|white} gold|platinum} band.",
    ]);
    expect(metadata).toMatchObject({
      prompt: "A diamond ring set on a platinum band.",
      seed: "2602647927",
      sampler: "Euler a",
      params: { Template: "A diamond ring set on a {{rose|yellow|white} gold|platinum} band." },
    });
  });

  it("reads Civitai's Sampler: Undefined as no sampler", async () => {
    const metadata = await read([
      "parameters",
      "a goblin\nSteps: 25, Sampler: Undefined, CFG scale: 3.5, Seed: 1",
    ]);
    expect(metadata.sampler).toBeNull();
  });
});

describe("records that name what a graph does not", () => {
  it("names a Civitai AIR checkpoint from the graph's extraMetadata resources", async () => {
    const graph = {
      "resource-stack": {
        class_type: "CheckpointLoaderSimple",
        inputs: { ckpt_name: "urn:air:sdxl:checkpoint:civitai:1@2" },
      },
      6: { class_type: "CLIPTextEncode", inputs: { text: "a snake", clip: ["resource-stack", 1] } },
      26: { class_type: "EmptyLatentImage", inputs: { width: 832, height: 1216, batch_size: 1 } },
      11: {
        class_type: "KSampler",
        inputs: {
          ...{
            seed: 9,
            steps: 30,
            cfg: 3.5,
            sampler_name: "euler_ancestral",
            scheduler: "normal",
            denoise: 1,
          },
          ...{
            model: ["resource-stack", 0],
            positive: ["6", 0],
            negative: ["6", 0],
            latent_image: ["26", 0],
          },
        },
      },
      extraMetadata: JSON.stringify({ resources: [{ modelVersionId: 2, name: "Pony Diffusion V6 XL" }] }),
    };
    const metadata = await read(["prompt", JSON.stringify(graph)]);
    expect(metadata.model).toBe("Pony Diffusion V6 XL");
    expect(metadata.params.modelAir).toBe("urn:air:sdxl:checkpoint:civitai:1@2");
  });

  it("takes Tensor.Art's prompts and model from generation_data over its graph's EMS ids", async () => {
    const graph = {
      1: { class_type: "ECHOCheckpointLoaderSimple", inputs: { ckpt_name: "EMS-12345-EMS.safetensors" } },
      2: { class_type: "BNK_CLIPTextEncodeAdvanced", inputs: { text: "a cat", clip: ["1", 1] } },
      3: { class_type: "ConditioningZeroOut", inputs: { conditioning: ["2", 0] } },
      4: { class_type: "EmptyLatentImage", inputs: { width: 768, height: 1024, batch_size: 1 } },
      5: {
        class_type: "KSampler",
        inputs: {
          ...{ seed: 77, steps: 25, cfg: 7, sampler_name: "dpmpp_2m", scheduler: "karras", denoise: 1 },
          ...{ model: ["1", 0], positive: ["2", 0], negative: ["3", 0], latent_image: ["4", 0] },
        },
      },
    };
    const record = JSON.stringify({
      prompt: "a cat",
      negativePrompt: "lowres, bad hands",
      width: 768,
      height: 1024,
      seed: "77",
      steps: 25,
      cfgScale: 7,
      baseModel: { modelFileName: "majicmixRealistic_v7.safetensors", hash: "7C819B6D13" },
    });
    const metadata = await read(["generation_data", `${record}\0\0`], ["prompt", JSON.stringify(graph)]);
    expect(metadata).toMatchObject({
      generator: "comfyui",
      prompt: "a cat",
      negativePrompt: "lowres, bad hands",
      model: "majicmixRealistic_v7.safetensors",
      modelHash: "7C819B6D13",
      seed: "77",
      width: 768,
    });
  });

  it("prefers a saver's text over a prompt the graph only holds as a wildcard template", async () => {
    const graph = {
      1: { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: "m.safetensors" } },
      2: { class_type: "Wildcard Processor", inputs: { prompt: "a __animal__ in the snow", seed: 3 } },
      3: { class_type: "CLIPTextEncode", inputs: { text: ["2", 0], clip: ["1", 1] } },
      4: { class_type: "EmptyLatentImage", inputs: { width: 64, height: 64, batch_size: 1 } },
      5: {
        class_type: "KSampler",
        inputs: {
          ...{ seed: 3, steps: 2, cfg: 1, sampler_name: "euler", scheduler: "normal", denoise: 1 },
          ...{ model: ["1", 0], positive: ["3", 0], negative: ["3", 0], latent_image: ["4", 0] },
        },
      },
    };
    const text =
      "a fox in the snow\nSteps: 2, Sampler: Euler, CFG scale: 1, Seed: 3, Size: 64x64, Version: ComfyUI";
    const withSaver = await read(["prompt", JSON.stringify(graph)], ["parameters", text]);
    expect(withSaver.prompt).toBe("a fox in the snow");
    const alone = await read(["prompt", JSON.stringify(graph)]);
    expect(alone.prompt).toBe("a __animal__ in the snow");
    expect(alone.params.runTimeText).toEqual(["prompt", "negativePrompt"]);
  });

  it("reads Midjourney's Description: prompt, version and job id", async () => {
    const metadata = await read(
      [
        "Description",
        'an ugly troll using a computer, with "no 1.5" on the screen --v 6 Job ID: bb9dd2e0-2352-4506-942b-9ac923610b8d',
      ],
      ["Author", "runew0lf"],
    );
    expect(metadata).toMatchObject({
      generator: "other",
      prompt: 'an ugly troll using a computer, with "no 1.5" on the screen',
      model: "Midjourney v6",
      params: { software: "Midjourney", jobId: "bb9dd2e0-2352-4506-942b-9ac923610b8d", author: "runew0lf" },
    });
  });

  it("reads NovelAI's model from Source even without a Software chunk", async () => {
    const metadata = await read(
      ["Description", "1girl, solo"],
      ["Source", "NovelAI Diffusion V4.5 4BDE2A90"],
      ["Comment", JSON.stringify({ prompt: "1girl, solo", uc: "", steps: 28, scale: 5, seed: 1 })],
    );
    expect(metadata).toMatchObject({
      generator: "novelai",
      model: "NovelAI Diffusion V4.5",
      modelHash: "4BDE2A90",
      negativePrompt: "",
    });
  });

  it("names legacy InvokeAI's model from model_id when model_weights is absent", async () => {
    const legacy = JSON.stringify({
      model: "stable diffusion",
      model_id: "stable-diffusion-1.5",
      app_id: "invoke-ai/InvokeAI",
      app_version: "2.2.5",
      image: {
        prompt: [{ prompt: "a bowl of fruit [blurry]", weight: 1 }],
        steps: 30,
        cfg_scale: 7.5,
        seed: 42,
        sampler: "k_lms",
        width: 512,
        height: 512,
      },
    });
    expect(await read(["sd-metadata", legacy])).toMatchObject({
      generator: "invokeai",
      model: "stable-diffusion-1.5",
      prompt: "a bowl of fruit",
      negativePrompt: "blurry",
    });
  });

  it("reads a record a saver wrote into a JPEG comment segment", async () => {
    const jpeg = await encodeJpeg({});
    const text = new TextEncoder().encode(
      "a tin soldier\nSteps: 12, Sampler: Euler, CFG scale: 5, Seed: 3, Size: 8x8",
    );
    const segment = Uint8Array.of(0xff, 0xfe, (text.length + 2) >> 8, (text.length + 2) & 0xff);
    const { metadata } = await readGenerationMetadata(
      concatBytes(jpeg.subarray(0, 2), segment, text, jpeg.subarray(2)),
    );
    expect(metadata).toMatchObject({ generator: "a1111", prompt: "a tin soldier", steps: 12, seed: "3" });
  });
});

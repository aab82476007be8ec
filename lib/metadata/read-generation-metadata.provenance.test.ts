import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readGenerationMetadata } from "./read-generation-metadata";
import { buildC2paStore, splitIntoApp11 } from "./testing/c2pa-encoder";
import { concatBytes, encodePng, type PngChunk, textChunk } from "./testing/png-encoder";

const IMAGE = { width: 8, height: 8 };
const AI_SOURCE = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
const STORE = buildC2paStore(
  { instanceID: "xmp:iid:1", claim_generator_info: [{ name: "OpenAI Media Service API" }] },
  {
    actions: [
      {
        action: "c2pa.created",
        softwareAgent: { name: "gpt-image", version: "2.0" },
        digitalSourceType: AI_SOURCE,
      },
      { action: "c2pa.converted" },
    ],
  },
);

describe("C2PA content credentials", () => {
  it("records the claim generator and tool of a PNG caBX manifest; an AI claim makes the generator 'other'", async () => {
    const chunk: PngChunk = { type: "caBX", data: STORE };
    const { metadata } = await readGenerationMetadata(encodePng(IMAGE, [chunk]));
    expect(metadata.generator).toBe("other");
    expect(metadata.prompt).toBeNull();
    expect(metadata.params.provenance).toEqual({
      standard: "c2pa",
      claimGenerator: "OpenAI Media Service API",
      tools: ["gpt-image 2.0"],
      digitalSourceType: AI_SOURCE,
      aiGenerated: true,
    });
  });

  it("joins a manifest split over JPEG APP11 segments; a v1 claim_generator string is read as is", async () => {
    const store = buildC2paStore(
      { claim_generator: "Adobe_Firefly c2pa-rs/0.32" },
      { actions: [{ action: "c2pa.created", softwareAgent: "Adobe Firefly", digitalSourceType: AI_SOURCE }] },
    );
    const base = new Uint8Array(
      await sharp({ create: { ...IMAGE, channels: 3, background: "#888" } })
        .jpeg()
        .toBuffer(),
    );
    const jpeg = concatBytes(base.subarray(0, 2), ...splitIntoApp11(store), base.subarray(2));
    const { metadata } = await readGenerationMetadata(jpeg);
    expect(metadata.params.provenance).toMatchObject({
      claimGenerator: "Adobe_Firefly c2pa-rs/0.32",
      tools: ["Adobe Firefly"],
      aiGenerated: true,
    });
  });

  it("keeps a camera or editor manifest as provenance without calling the image generated", async () => {
    const store = buildC2paStore(
      { claim_generator: "Leica M11-P" },
      { actions: [{ action: "c2pa.created" }] },
    );
    const { metadata } = await readGenerationMetadata(encodePng(IMAGE, [{ type: "caBX", data: store }]));
    expect(metadata.generator).toBeNull();
    expect(metadata.params.provenance).toMatchObject({ claimGenerator: "Leica M11-P", aiGenerated: false });
  });

  it("ignores a truncated or hostile store", async () => {
    const broken = STORE.subarray(0, 300);
    const { metadata, warnings } = await readGenerationMetadata(
      encodePng(IMAGE, [{ type: "caBX", data: broken }]),
    );
    expect(metadata.generator).toBeNull();
    expect(metadata.params.provenance).toBeUndefined();
    expect(warnings).toEqual([]);
  });
});

describe("Civitai resources", () => {
  it("names the model and LoRAs from Civitai resources and keeps the AIR ids", async () => {
    const text =
      "a fox <lora:fox_style_v1:0.8>\nNegative prompt: blurry\n" +
      "Steps: 20, Sampler: Euler a, CFG scale: 5, Seed: 7, Size: 1024x1024, " +
      "Model: urn:air:sdxl:checkpoint:civitai:827184@2514310, " +
      'Civitai resources: [{"type":"checkpoint","modelVersionId":2514310,"modelName":"WAI-illustrious-SDXL","modelVersionName":"v16.0"},' +
      '{"type":"lora","weight":0.8,"modelVersionId":22,"modelName":"Fox Style","modelVersionName":"v1"},' +
      '{"type":"lora","weight":0.5,"modelVersionId":33,"modelName":"Detail Tweaker","modelVersionName":"v2"}]';
    const { metadata } = await readGenerationMetadata(encodePng(IMAGE, [textChunk("parameters", text)]));
    expect(metadata.model).toBe("WAI-illustrious-SDXL");
    expect(metadata.modelVersion).toBe("v16.0");
    expect(metadata.params.modelAir).toBe("urn:air:sdxl:checkpoint:civitai:827184@2514310");
    expect(metadata.loras).toEqual([
      { name: "Fox Style", weight: 0.8 },
      { name: "Detail Tweaker", weight: 0.5 },
    ]);
    expect(metadata.params.loraTags).toEqual([{ name: "fox_style_v1", weight: 0.8 }]);
  });

  it("keeps the AIR id as the model when the file carries no name for it", async () => {
    const graph = JSON.stringify({
      "1": {
        class_type: "CheckpointLoaderSimple",
        inputs: { ckpt_name: "urn:air:sdxl:checkpoint:civitai:1@2" },
      },
      "2": {
        class_type: "CLIPTextEncode",
        inputs: { text: "a fox", text_g: "", text_l: "", clip: ["1", 1] },
      },
      "3": { class_type: "EmptyLatentImage", inputs: { width: 64, height: 64, batch_size: 1 } },
      "4": {
        class_type: "KSampler",
        inputs: {
          seed: 1,
          steps: 2,
          cfg: 1,
          sampler_name: "euler",
          scheduler: "normal",
          denoise: 1,
          model: ["1", 0],
          positive: ["2", 0],
          negative: ["2", 0],
          latent_image: ["3", 0],
        },
      },
    });
    const { metadata } = await readGenerationMetadata(encodePng(IMAGE, [textChunk("prompt", graph)]));
    // What the file says the model is, and unique: a user can filter by it (issue 24, class 6).
    expect(metadata.model).toBe("urn:air:sdxl:checkpoint:civitai:1@2");
    expect(metadata.params.modelAir).toBe("urn:air:sdxl:checkpoint:civitai:1@2");
    // smZ-style empty text_g / text_l beside the text are not part of the prompt
    expect(metadata.prompt).toBe("a fox");
  });
});

describe("Hugging Face Space / diffusers JSON", () => {
  it("reads diffusers argument names as diffusers, not Easy Diffusion", async () => {
    const document = JSON.stringify({
      prompt: "a fox, ",
      negative_prompt: "",
      resolution: "1024 x 768",
      guidance_scale: 5.5,
      num_inference_steps: 24,
      seed: 443800072,
      sampler: "DPM++ 2M Karras",
      Model: "WAI NSFW illustrious SDXL v16",
      "Model hash": "BDB59BAC",
      use_upscaler: null,
    });
    const { metadata } = await readGenerationMetadata(encodePng(IMAGE, [textChunk("parameters", document)]));
    expect(metadata).toMatchObject({
      generator: "other",
      prompt: "a fox, ",
      negativePrompt: "",
      seed: "443800072",
      steps: 24,
      cfgScale: 5.5,
      sampler: "DPM++ 2M Karras",
      model: "WAI NSFW illustrious SDXL v16",
      modelHash: "BDB59BAC",
      width: 1024,
      height: 768,
    });
    expect(metadata.params).toMatchObject({ writer: "diffusers", use_upscaler: null });
  });
});

import { describe, expect, it } from "vitest";
import { readGenerationMetadata } from "./read-generation-metadata";
import { buildSamplePng, findSampleText } from "./testing/fixtures";
import { encodeJpeg, encodeJpegWithUserComment } from "./testing/jpeg-webp-encoder";
import { encodePng, internationalTextChunk, textChunk } from "./testing/png-encoder";
import { embedStealthAlpha } from "./testing/stealth-encoder";
import {
  DRAW_THINGS_XMP,
  EASYDIFFUSION_ENTRIES,
  FOOOCUS_PARAMETERS,
  INVOKEAI_DREAM,
  INVOKEAI_LEGACY,
  NOVELAI_V3_COMMENT,
} from "./testing/synthetic-payloads";

const IMAGE = { width: 8, height: 8 };

describe("InvokeAI", () => {
  it("reads invokeai_metadata and keeps invokeai_graph", async () => {
    const result = await readGenerationMetadata(buildSamplePng("invokeai"));
    expect(result.metadata).toMatchObject({
      generator: "invokeai",
      generatorVersion: "6.10.0",
      prompt: "general, masterpiece, best quality, amazing quality, \n1girl, solo, hatsune miku, \n",
      negativePrompt: "bad quality, worst quality, worst detail, sketch, censor, \n",
      seed: "1860920704",
      steps: 24,
      sampler: "euler_a",
      cfgScale: 6,
      width: 1024,
      height: 1024,
      model: "waiIllustriousSDXL_v160",
      modelHash: "blake3:7c1631b481e1566448f49db7e3b67a8a9d04742fa3c7d4548a0c81b619160c56",
    });
    expect(result.metadata.params).toMatchObject({ generation_mode: "sdxl_txt2img", rand_device: "cpu" });
    expect(result.metadata.workflow).toMatchObject({ id: "sdxl_graph:zTYussRcEP" });
  });

  it("reads 2.x sd-metadata with a [bracketed] negative", async () => {
    const result = await readGenerationMetadata(
      encodePng(IMAGE, [textChunk("sd-metadata", INVOKEAI_LEGACY), textChunk("Dream", INVOKEAI_DREAM)]),
    );
    expect(result.metadata).toMatchObject({
      generator: "invokeai",
      generatorVersion: "2.3.5",
      prompt: "a cozy cabin in the woods",
      negativePrompt: "people, text",
      seed: "3357757885",
      steps: 50,
      cfgScale: 7.5,
      sampler: "k_lms",
      width: 768,
      height: 512,
      model: "stable-diffusion-1.5",
    });
  });

  it("reads the legacy Dream command line", async () => {
    const result = await readGenerationMetadata(encodePng(IMAGE, [textChunk("Dream", INVOKEAI_DREAM)]));
    expect(result.metadata).toMatchObject({
      generator: "invokeai",
      prompt: "a fantasy landscape, highly detailed",
      negativePrompt: "ugly, blurry",
      steps: 40,
      seed: "1234567",
      width: 640,
      height: 448,
      cfgScale: 8.5,
      sampler: "k_euler_a",
    });
  });
});

describe("NovelAI", () => {
  it("reads V4.5 Comment JSON with character captions", async () => {
    const result = await readGenerationMetadata(buildSamplePng("novelai-3char"));
    expect(result.metadata).toMatchObject({
      generator: "novelai",
      prompt: "2girls, 1boy, dancing, #テスト\nwhite background, , very aesthetic, masterpiece, no text",
      seed: "1702945580",
      steps: 28,
      sampler: "k_euler_ancestral",
      scheduler: "karras",
      cfgScale: 5,
      model: "NovelAI Diffusion V4.5",
      modelHash: "4BDE2A90",
      modelVersion: "4.5",
      width: 1024,
    });
    expect(result.metadata.negativePrompt?.startsWith("nsfw, lowres")).toBe(true);
    expect(result.metadata.params.characterPrompts).toHaveLength(3);
    expect(result.metadata.params.generationTime).toBe("3.8156285881996155e-05");
  });

  it("reads the vibe-transfer sample", async () => {
    const result = await readGenerationMetadata(buildSamplePng("novelai-reference"));
    expect(result.metadata).toMatchObject({
      generator: "novelai",
      seed: "949223552",
      prompt: "1girl, solo, dancing, , very aesthetic, masterpiece, no text",
    });
    expect(result.metadata.params.director_reference_strengths).toEqual([1]);
  });

  it("reads a V3 img2img request", async () => {
    const png = encodePng(IMAGE, [
      textChunk("Software", "NovelAI"),
      textChunk("Source", "Stable Diffusion XL C1E1DE52"),
      textChunk("Comment", NOVELAI_V3_COMMENT),
    ]);
    const result = await readGenerationMetadata(png);
    expect(result.metadata).toMatchObject({
      generator: "novelai",
      prompt: "1girl, {{{masterpiece}}}, [[sketch]], ☕ café",
      negativePrompt: "lowres, bad anatomy",
      seed: "2210987654",
      sampler: "k_euler",
      scheduler: "native",
      denoise: 0.7,
      width: 832,
      height: 1216,
      model: "Stable Diffusion XL",
      modelHash: "C1E1DE52",
    });
  });

  it("decodes NovelAI stealth_pngcomp from the alpha channel when there is no text chunk", async () => {
    const size = { width: 64, height: 64 };
    const stealth = JSON.stringify({
      Description: "a hidden prompt",
      Software: "NovelAI",
      Source: "NovelAI Diffusion V4 4F49EC75",
      Comment: NOVELAI_V3_COMMENT,
    });
    const rgba = embedStealthAlpha(new Uint8Array(64 * 64 * 4).fill(255), size, stealth, "stealth_pngcomp");
    const result = await readGenerationMetadata(encodePng({ ...size, rgba }));
    expect(result.metadata).toMatchObject({
      generator: "novelai",
      seed: "2210987654",
      model: "NovelAI Diffusion V4",
      modelHash: "4F49EC75",
    });
    expect(result.metadata.params.stealth).toBe("stealth_pngcomp");
  });
});

describe("minor formats", () => {
  it("decodes A1111 stealth_pnginfo", async () => {
    const size = { width: 48, height: 40 };
    const rgba = embedStealthAlpha(
      new Uint8Array(48 * 40 * 4).fill(180),
      size,
      "a secret\nSteps: 5, Seed: 3, Size: 48x40",
      "stealth_pnginfo",
    );
    const result = await readGenerationMetadata(encodePng({ ...size, rgba }));
    expect(result.metadata).toMatchObject({
      generator: "a1111",
      prompt: "a secret",
      steps: 5,
      seed: "3",
      width: 48,
      height: 40,
    });
    expect(result.raw).toEqual({ stealth: "a secret\nSteps: 5, Seed: 3, Size: 48x40" });
  });

  it("reads Fooocus parameters JSON", async () => {
    const png = encodePng(IMAGE, [
      textChunk("parameters", FOOOCUS_PARAMETERS),
      textChunk("fooocus_scheme", "fooocus"),
    ]);
    const result = await readGenerationMetadata(png);
    expect(result.metadata).toMatchObject({
      generator: "fooocus",
      generatorVersion: "2.5.5",
      prompt: "a cat astronaut",
      negativePrompt: "",
      seed: "8187394571739284614",
      steps: 30,
      sampler: "dpmpp_2m_sde_gpu",
      scheduler: "karras",
      cfgScale: 4,
      width: 1152,
      height: 896,
      model: "juggernautXL_v8Rundiffusion.safetensors",
      modelHash: "aeb7e9e689",
      loras: [{ name: "sd_xl_offset_example-lora_1.0.safetensors", weight: 0.1 }],
    });
    expect(result.metadata.params).toMatchObject({ performance: "Speed", sharpness: 2 });
    expect(result.metadata.params.otherText).toBeUndefined();
  });

  it("reads RuinedFooocus' own keys (Prompt, Negative, cfg, base_model_name) and both LoRA notations", async () => {
    const current = JSON.stringify({
      Prompt: "a cat astronaut, ",
      Negative: "",
      steps: 30,
      cfg: 8,
      width: 1152,
      height: 896,
      seed: 0,
      sampler_name: "dpmpp_2m_sde_gpu",
      scheduler: "karras",
      base_model_name: "sd_xl_base_1.0_0.9vae.safetensors",
      base_model_hash: "e6bb9ea85b",
      loras: [
        ["a1b2c3", "0.5 - sd_xl_offset_example-lora_1.0.safetensors"],
        ["", "1.0 - None"],
      ],
      start_step: 0,
      denoise: 1,
      clip_skip: 1,
      software: "RuinedFooocus",
    });
    // Python's json.dumps writes the 64-bit seed as a bare number
    const written = current.replace('"seed":0', '"seed":8187394571739284614');
    const result = await readGenerationMetadata(encodePng(IMAGE, [textChunk("parameters", written)]));
    expect(result.metadata).toMatchObject({
      generator: "fooocus",
      prompt: "a cat astronaut, ",
      negativePrompt: "",
      seed: "8187394571739284614",
      steps: 30,
      cfgScale: 8,
      sampler: "dpmpp_2m_sde_gpu",
      scheduler: "karras",
      width: 1152,
      height: 896,
      model: "sd_xl_base_1.0_0.9vae.safetensors",
      modelHash: "e6bb9ea85b",
      loras: [{ name: "sd_xl_offset_example-lora_1.0.safetensors", weight: 0.5, hash: "a1b2c3" }],
    });
    expect(result.metadata.params).toMatchObject({ software: "RuinedFooocus", start_step: 0 });

    const older = JSON.stringify({
      Prompt: "a dog",
      Negative: "blurry",
      cfg: 7,
      base_model_name: "juggernautXL.safetensors",
      loras: "Loras:<add-detail.safetensors:0.8>,<None:1.0>",
      software: "RuinedFooocus",
    });
    const legacy = await readGenerationMetadata(encodePng(IMAGE, [textChunk("parameters", older)]));
    expect(legacy.metadata.loras).toEqual([{ name: "add-detail.safetensors", weight: 0.8 }]);
  });

  it("reads SwarmUI JSON from a UTF-16LE UserComment in a little-endian TIFF", async () => {
    const result = await readGenerationMetadata(
      await encodeJpegWithUserComment(findSampleText("swarmui", "UserComment"), "utf16le", true),
    );
    expect(result.metadata).toMatchObject({
      generator: "swarmui",
      generatorVersion: "0.9.7.4",
      prompt: "general, masterpiece, best quality, amazing quality, \n1girl, solo, hatsune miku, #テスト",
      seed: "830680752",
      steps: 20,
      cfgScale: 7,
      sampler: "euler_ancestral",
      scheduler: "karras",
      model: "waiIllustriousSDXL_v160",
      modelHash: "0x22d8cb95b807b0c242576b676a12b07ae6b782b57ae4fe07a07254801b2d5d61",
    });
  });

  it("reads Easy Diffusion's one-chunk-per-setting PNG", async () => {
    const result = await readGenerationMetadata(
      encodePng(
        IMAGE,
        EASYDIFFUSION_ENTRIES.map(([key, text]) => textChunk(key, text)),
      ),
    );
    expect(result.metadata).toMatchObject({
      generator: "easydiffusion",
      prompt: "a watercolor fox",
      negativePrompt: "photo",
      seed: "3456789",
      model: "sd-v1-5.safetensors",
      sampler: "euler_a",
      steps: 25,
      cfgScale: 7.5,
      width: 512,
      height: 640,
      vae: "vae-ft-mse-840000",
      clipSkip: null,
      loras: [{ name: "watercolor_v1", weight: 0.7 }],
    });
  });

  it("reads Draw Things XMP from a PNG iTXt and a JPEG APP1", async () => {
    const expected = {
      generator: "drawthings",
      prompt: "a koi pond & lanterns",
      negativePrompt: "text",
      seed: "2718281828",
      steps: 8,
      cfgScale: 5,
      sampler: "DPM++ 2M Trailing",
      model: "sd_xl_base_1.0_f16.ckpt",
      width: 1024,
      height: 1024,
      loras: [{ name: "dmd2_sdxl_4step_lora_f16.ckpt", weight: 1 }],
    };
    const png = await readGenerationMetadata(
      encodePng(IMAGE, [internationalTextChunk("XML:com.adobe.xmp", DRAW_THINGS_XMP)]),
    );
    expect(png.metadata).toMatchObject(expected);
    const jpeg = await readGenerationMetadata(await encodeJpeg({ xmp: DRAW_THINGS_XMP }));
    expect(jpeg.metadata).toMatchObject(expected);
    expect(jpeg.metadata.params.seed_mode).toBe("Scale Alike");
  });
});

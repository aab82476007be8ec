import { describe, expect, it } from "vitest";
import { readGenerationMetadata } from "./read-generation-metadata";
import { encodeJpeg, encodeWebp } from "./testing/jpeg-webp-encoder";
import { encodePng, textChunk } from "./testing/png-encoder";
import { encodeTiff } from "./testing/tiff-encoder";

/**
 * The Fooocus family outside its PNG `parameters` chunk. Fooocus (modules/private_logger.py, get_exif)
 * saves JPEG and WebP through Pillow's `Image.Exif()`: UserComment (0x9286) and MakerNote (0x927C, the
 * metadata scheme) land in IFD0 as plain ASCII with no charset header, Software (0x0131) says "Fooocus v…".
 * FooocusPlus writes its "simple" scheme (UI labels as keys) to a PNG `Comment` chunk, or to JPEG the same way.
 */
const FOOOCUS_JSON = JSON.stringify({
  adm_guidance: "(1.5, 0.8, 0.3)",
  base_model: "juggernautXL_v8Rundiffusion.safetensors",
  base_model_hash: "aeb7e9e689",
  full_negative_prompt: ["(worst quality, low quality:1.4)"],
  full_prompt: ["a lighthouse on a cliff, cinematic"],
  guidance_scale: 4,
  lora_combined_1: "sd_xl_offset_example-lora_1.0.safetensors : 0.1",
  loras: [["sd_xl_offset_example-lora_1.0.safetensors", 0.1, "4852686128"]],
  metadata_scheme: "fooocus",
  negative_prompt: "",
  performance: "Speed",
  prompt: "a lighthouse on a cliff",
  refiner_model: "None",
  resolution: "(1152, 896)",
  sampler: "dpmpp_2m_sde_gpu",
  scheduler: "karras",
  seed: "1234567890123",
  sharpness: 2,
  steps: 30,
  styles: "['Fooocus V2', 'Fooocus Enhance']",
  vae: "Default (model)",
  version: "Fooocus v2.5.5",
});

const A1111_SCHEME = [
  "a lighthouse on a cliff, cinematic",
  "Negative prompt: (worst quality, low quality:1.4)",
  'Steps: 30, Sampler: DPM++ 2M SDE Karras, Seed: 1234567890123, Size: 1152x896, CFG scale: 4, Sharpness: 2, ADM Guidance: "(1.5, 0.8, 0.3)", ' +
    "Model: juggernautXL_v8Rundiffusion, Model hash: aeb7e9e689, Performance: Speed, Scheduler: karras, VAE: Default (model), " +
    'Raw prompt: a lighthouse on a cliff, Raw negative prompt: "", Lora hashes: "sd_xl_offset_example-lora_1.0: 4852686128", ' +
    'Lora weights: "sd_xl_offset_example-lora_1.0: 0.1", Version: Fooocus v2.5.5',
].join("\n");

/** FooocusPlus "simple" scheme: `{label: value}` for every `(label, key, value)` the worker logs. */
const FOOOCUS_PLUS_JSON = JSON.stringify({
  "Backend Engine": "SDXL-Fooocus",
  "Base Model": "juggernautXL_juggXIByRundiffusion.safetensors",
  "Base Model Hash": "33e58e8668",
  "CLIP Skip": 2,
  "Full Negative Prompt": ["blurry"],
  "Full Prompt": ["an owl in a library, warm light"],
  "Guidance Scale": 4,
  "LoRA 1": "sd_xl_offset_example-lora_1.0 : 0.1",
  "Metadata Scheme": "Fooocus",
  "Negative Prompt": "blurry",
  Performance: "Quality",
  Preset: "Default",
  Prompt: "an owl in a library",
  Resolution: "(896, 1152)",
  Sampler: "dpmpp_2m_sde_gpu",
  Scheduler: "karras",
  Seed: "424242",
  Steps: 60,
  Styles: "['Fooocus V2']",
  VAE: "Default (model)",
  Version: "1.0.4.hotfix",
});

/** Pillow writes a str UserComment as UNDEFINED bytes and the scheme as MakerNote, both in IFD0. */
function fooocusExif(comment: string, scheme: string, software: string) {
  return encodeTiff({
    littleEndian: true,
    ifd0: [
      { tag: 0x0131, type: "ascii", value: software },
      { tag: 0x9286, type: "undefined", value: comment },
      { tag: 0x927c, type: "undefined", value: scheme },
    ],
  });
}

const FOOOCUS_FIELDS = {
  generator: "fooocus",
  prompt: "a lighthouse on a cliff",
  negativePrompt: "",
  seed: "1234567890123",
  steps: 30,
  sampler: "dpmpp_2m_sde_gpu",
  scheduler: "karras",
  cfgScale: 4,
  width: 1152,
  height: 896,
  model: "juggernautXL_v8Rundiffusion.safetensors",
  loras: [{ name: "sd_xl_offset_example-lora_1.0.safetensors", weight: 0.1 }],
};

describe("Fooocus family outside the PNG parameters chunk", () => {
  it("reads Fooocus JSON from IFD0 UserComment in a JPEG", async () => {
    const jpeg = await encodeJpeg({ tiff: fooocusExif(FOOOCUS_JSON, "fooocus", "Fooocus v2.5.5") });
    const { metadata } = await readGenerationMetadata(jpeg);
    expect(metadata).toMatchObject({ ...FOOOCUS_FIELDS, generatorVersion: "2.5.5" });
  });

  it("reads Fooocus JSON from IFD0 UserComment in a WebP", async () => {
    const webp = await encodeWebp({ exif: fooocusExif(FOOOCUS_JSON, "fooocus", "Fooocus v2.5.5") });
    expect((await readGenerationMetadata(webp)).metadata).toMatchObject(FOOOCUS_FIELDS);
  });

  it("reads Fooocus' A1111 scheme from IFD0 UserComment in a WebP and a JPEG", async () => {
    const exif = fooocusExif(A1111_SCHEME, "a1111", "Fooocus v2.5.5");
    for (const bytes of [await encodeWebp({ exif }), await encodeJpeg({ tiff: exif })]) {
      const { metadata } = await readGenerationMetadata(bytes);
      expect(metadata).toMatchObject({
        generator: "fooocus",
        prompt: "a lighthouse on a cliff, cinematic",
        negativePrompt: "(worst quality, low quality:1.4)",
        seed: "1234567890123",
        steps: 30,
        sampler: "DPM++ 2M SDE Karras",
        scheduler: "karras",
        cfgScale: 4,
        width: 1152,
        model: "juggernautXL_v8Rundiffusion",
        loras: [{ name: "sd_xl_offset_example-lora_1.0", weight: 0.1, hash: "4852686128" }],
      });
    }
  });

  it("reads FooocusPlus' label-keyed JSON from a PNG Comment chunk and from a JPEG", async () => {
    const png = encodePng({ width: 8, height: 8 }, [textChunk("Comment", FOOOCUS_PLUS_JSON)]);
    const jpeg = await encodeJpeg({
      tiff: fooocusExif(FOOOCUS_PLUS_JSON, "simple", "FooocusPlus 1.0.4.hotfix, Preset: Default"),
    });
    for (const bytes of [png, jpeg]) {
      const { metadata } = await readGenerationMetadata(bytes);
      expect(metadata).toMatchObject({
        generator: "fooocus",
        prompt: "an owl in a library",
        negativePrompt: "blurry",
        seed: "424242",
        steps: 60,
        sampler: "dpmpp_2m_sde_gpu",
        cfgScale: 4,
        width: 896,
        height: 1152,
        model: "juggernautXL_juggXIByRundiffusion.safetensors",
        modelHash: "33e58e8668",
        clipSkip: 2,
        loras: [{ name: "sd_xl_offset_example-lora_1.0", weight: 0.1 }],
      });
    }
  });

  it("does not take a camera's binary maker note for a scheme", async () => {
    const camera = encodeTiff({
      ifd0: [
        { tag: 0x0131, type: "ascii", value: "Camera Firmware 1.0" },
        { tag: 0x927c, type: "undefined", value: new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8]) },
      ],
    });
    const { metadata, raw } = await readGenerationMetadata(await encodeJpeg({ tiff: camera }));
    expect(metadata.generator).toBeNull();
    expect(raw.fooocus_scheme).toBeUndefined();
  });
});

import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readGenerationMetadata } from "./read-generation-metadata";
import { buildSamplePng, findSampleText, readFixtureFile } from "./testing/fixtures";
import { encodeJpegWithUserComment, encodeWebp } from "./testing/jpeg-webp-encoder";
import { encodePng, internationalTextChunk, textChunk } from "./testing/png-encoder";
import { A1111_NASTY, COMFY_TWO_SAMPLERS } from "./testing/synthetic-payloads";
import { encodeTiff, encodeUserComment } from "./testing/tiff-encoder";

const IMAGE = { width: 8, height: 8 };
const USER_COMMENT = 0x9286;

describe("A1111 / Forge / SD.Next", () => {
  it("reads an iTXt parameters chunk (stable-diffusion-webui sample payload)", async () => {
    const result = await readGenerationMetadata(buildSamplePng("a1111-sd-webui"));
    expect(result.container).toBe("png");
    expect(result.warnings).toEqual([]);
    expect(result.raw).toEqual({ parameters: findSampleText("a1111-sd-webui", "parameters") });
    expect(result.metadata).toMatchObject({
      generator: "a1111",
      seed: "3782896554",
      steps: 20,
      cfgScale: 7,
      model: "waiIllustriousSDXL_v160",
    });
  });

  it("reads the real 705-byte A1111 JPEG (UTF-16BE UserComment)", async () => {
    const result = await readGenerationMetadata(readFixtureFile("a1111-webui-tiny.jpg"));
    expect(result.container).toBe("jpeg");
    expect(result.metadata).toMatchObject({
      generator: "a1111",
      prompt: "photo of a duck",
      negativePrompt: "monochrome",
      steps: 15,
      sampler: "UniPC",
      cfgScale: 5,
      seed: "235284042",
      width: 512,
      height: 400,
      modelHash: "c0d1994c73",
      model: "realistic_realisticVisionV20_v20",
    });
  });

  it("reads Forge's UNICODE UserComment from a big-endian TIFF, and the nasty payload from a compressed iTXt", async () => {
    const forge = await readGenerationMetadata(
      await encodeJpegWithUserComment(findSampleText("a1111-forge-classic", "UserComment"), "utf16be"),
    );
    expect(forge.metadata).toMatchObject({
      generator: "a1111",
      generatorVersion: "classic",
      seed: "2547514258",
      scheduler: "Karras",
    });
    expect(forge.metadata.prompt).toContain("テスト");

    const nasty = await readGenerationMetadata(
      encodePng(IMAGE, [
        internationalTextChunk("parameters", A1111_NASTY, { compressed: true, language: "en" }),
      ]),
    );
    expect(nasty.metadata.prompt?.startsWith('a poster that says "Negative prompt: none"')).toBe(true);
    expect(nasty.metadata.negativePrompt).toBe("blurry, 低品質\nextra negative line");
    expect(nasty.metadata.loras).toHaveLength(3);
  });

  it("reads A1111 text from an AVIF's EXIF ImageDescription", async () => {
    const text =
      "a dune\nNegative prompt: people\nSteps: 9, Sampler: Euler, CFG scale: 3, Seed: 99, Size: 16x16";
    const avif = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#888" } })
      .withExif({ IFD0: { ImageDescription: text } })
      .avif()
      .toBuffer();
    const result = await readGenerationMetadata(new Uint8Array(avif));
    expect(result.container).toBe("avif");
    expect(result.metadata).toMatchObject({
      generator: "a1111",
      prompt: "a dune",
      negativePrompt: "people",
      steps: 9,
      seed: "99",
    });
  });
});

describe("ComfyUI", () => {
  it("reads prompt + workflow chunks and keeps the UI graph raw", async () => {
    const result = await readGenerationMetadata(buildSamplePng("comfyui-basic"));
    expect(result.metadata).toMatchObject({
      generator: "comfyui",
      seed: "422847914351919",
      model: "waiIllustriousSDXL_v160.safetensors",
    });
    expect(result.metadata.workflow).toEqual(JSON.parse(findSampleText("comfyui-basic", "workflow")));
    expect(Object.keys(result.raw)).toEqual(["prompt", "workflow"]);
  });

  it("fills gaps from the A1111 text a saver writes beside the graph (Stability Matrix)", async () => {
    const result = await readGenerationMetadata(buildSamplePng("stability-matrix"));
    expect(result.metadata).toMatchObject({
      generator: "comfyui",
      seed: "395309383",
      sampler: "euler_ancestral",
      clipSkip: 2,
      modelHash: "A5F58EB1C33616C4F06BCA55AF39876A7B817913CD829CAA8ACB111B770C85CC",
    });
    expect(Object.keys(result.metadata.params.otherText as object)).toEqual(["parameters-json", "smproj"]);
  });

  it("reads an animated-WebP style EXIF: prompt:{…} in Model, workflow:{…} in Make", async () => {
    const tiff = encodeTiff({
      littleEndian: true,
      ifd0: [
        { tag: 0x010f, type: "ascii", value: `workflow:${findSampleText("comfyui-basic", "workflow")}` },
        { tag: 0x0110, type: "ascii", value: `prompt:${COMFY_TWO_SAMPLERS}` },
      ],
    });
    const result = await readGenerationMetadata(await encodeWebp({ exif: tiff }));
    expect(result.container).toBe("webp");
    expect(result.metadata).toMatchObject({
      generator: "comfyui",
      seed: "42",
      steps: 15,
      width: 896,
      model: "juggernautXL_v9.safetensors",
    });
    expect(result.metadata.loras).toHaveLength(3);
    expect(result.raw.Model?.startsWith("prompt:{")).toBe(true);
  });

  it("reads an API graph from a JPEG UserComment with no charset header", async () => {
    const result = await readGenerationMetadata(await encodeJpegWithUserComment(COMFY_TWO_SAMPLERS, "none"));
    expect(result.metadata).toMatchObject({
      generator: "comfyui",
      prompt: "a lighthouse at dusk, 🌊 waves",
      seed: "42",
    });
  });

  it("reads a ComfyUI saver's A1111 text in WebP EXIF as ComfyUI (saver kept), with Civitai Hashes", async () => {
    const tiff = encodeTiff({
      exif: [
        {
          tag: USER_COMMENT,
          type: "undefined",
          value: encodeUserComment(findSampleText("comfyui-saveimagewithmetadata", "UserComment"), "utf16be"),
        },
      ],
    });
    const result = await readGenerationMetadata(await encodeWebp({ exif: tiff }));
    expect(result.metadata).toMatchObject({
      generator: "comfyui",
      params: expect.objectContaining({ saver: "SaveImageWithMetaData" }),
      seed: "827555711811618",
      cfgScale: 5,
      modelHash: "45a21ea00a",
      clipSkip: 2,
    });
    expect(result.metadata.params.Hashes).toEqual({ model: "45a21ea00a" });
  });
});

describe("no generator", () => {
  it("keeps unknown text chunks raw in params", async () => {
    const result = await readGenerationMetadata(
      encodePng(IMAGE, [textChunk("Author", "me"), textChunk("Comment", "holiday")]),
    );
    expect(result.metadata.generator).toBeNull();
    expect(result.metadata.params).toEqual({ otherText: { Author: "me", Comment: "holiday" } });
    expect(result.raw).toEqual({ Author: "me", Comment: "holiday" });
  });

  it("returns an empty result for bytes that are no image", async () => {
    const result = await readGenerationMetadata(new TextEncoder().encode("hello"));
    expect(result).toEqual({
      metadata: expect.objectContaining({ generator: null, params: {} }),
      raw: {},
      rawChunks: [],
      warnings: [],
      container: "unknown",
    });
  });
});

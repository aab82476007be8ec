import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readGenerationMetadata } from "../read-generation-metadata";
import { compressedTextChunk, encodePng, internationalTextChunk, textChunk } from "../testing/png-encoder";
import { readPngChunks } from "./png-chunks";

const IMAGE = { width: 8, height: 8 };
const A1111_TEXT =
  "a lake\nNegative prompt: fog\nSteps: 12, Sampler: Euler, CFG scale: 4, Seed: 7, Size: 8x8";

describe("readPngChunks", () => {
  it("reads tEXt, zTXt and iTXt (plain, compressed, with language tag and translated keyword)", () => {
    const png = encodePng(IMAGE, [
      textChunk("Title", "plain"),
      compressedTextChunk("zipped", "déjà vu"),
      internationalTextChunk("intl", "日本語 ✨"),
      internationalTextChunk("intl-z", "圧縮 🎈", {
        compressed: true,
        language: "ja-JP",
        translatedKeyword: "圧縮",
      }),
    ]);
    const result = readPngChunks(png, 1024);
    expect(result.warnings).toEqual([]);
    expect(result.header).toEqual({ width: 8, height: 8, bitDepth: 8, colorType: 6 });
    expect(result.entries.map(({ keyword, text, source }) => [keyword, text, source])).toEqual([
      ["Title", "plain", "png:tEXt"],
      ["zipped", "déjà vu", "png:zTXt"],
      ["intl", "日本語 ✨", "png:iTXt"],
      ["intl-z", "圧縮 🎈", "png:iTXt"],
    ]);
  });

  it("decodes Latin-1 tEXt that is not valid UTF-8", () => {
    const chunk = { type: "tEXt", data: Uint8Array.of(0x6b, 0, 0x63, 0x61, 0x66, 0xe9) };
    expect(readPngChunks(encodePng(IMAGE, [chunk]), 1024).entries[0]?.text).toBe("café");
  });

  it("skips a zTXt bomb past the inflate cap, with a warning, and keeps the other chunks", () => {
    const bomb = {
      type: "zTXt",
      data: new Uint8Array([
        0x62,
        0x6f,
        0x6d,
        0x62,
        0,
        0,
        ...deflateSync(Buffer.alloc(16 * 1024 * 1024, 0x41)),
      ]),
    };
    const png = encodePng(IMAGE, [bomb, textChunk("parameters", A1111_TEXT)]);
    expect(png.length).toBeLessThan(100_000);
    const result = readPngChunks(png, 1024 * 1024);
    expect(result.entries.map((entry) => entry.keyword)).toEqual(["parameters"]);
    expect(result.warnings).toEqual(["png: zTXt 'bomb' skipped: inflates beyond 1048576 bytes"]);
  });

  it("keeps a chunk with a wrong CRC and says so", () => {
    const png = encodePng(IMAGE, [{ ...textChunk("parameters", A1111_TEXT), crc: 0xdeadbeef }]);
    const result = readPngChunks(png, 1024);
    expect(result.entries[0]?.text).toBe(A1111_TEXT);
    expect(result.warnings).toEqual(["png: tEXt chunk has a wrong CRC; text kept"]);
  });

  it("keeps the readable part of a truncated text chunk and never reads past the end", () => {
    const png = encodePng(IMAGE, [textChunk("parameters", A1111_TEXT)]);
    const cut = Buffer.from(png).indexOf("Steps") + "Steps".length;
    const result = readPngChunks(png.subarray(0, cut), 1024);
    expect(result.entries).toEqual([
      { keyword: "parameters", text: "a lake\nNegative prompt: fog\nSteps", source: "png:tEXt" },
    ]);
    expect(result.warnings).toEqual(["png: tEXt chunk truncated (44 of 98 bytes)"]);
  });
});

describe("readGenerationMetadata on broken PNGs", () => {
  it("parses what a truncated A1111 chunk still holds and reports the truncation", async () => {
    const png = encodePng(IMAGE, [textChunk("parameters", A1111_TEXT)]);
    const cut = Buffer.from(png).indexOf(", Size");
    const result = await readGenerationMetadata(png.subarray(0, cut));
    expect(result.metadata).toMatchObject({
      generator: "a1111",
      prompt: "a lake",
      steps: 12,
      seed: "7",
      width: null,
    });
    expect(result.warnings).toEqual(["png: tEXt chunk truncated (87 of 98 bytes)"]);
  });

  it("returns the raw text and a warning when a ComfyUI graph is cut mid-JSON", async () => {
    const png = encodePng(IMAGE, [
      textChunk("prompt", '{"3": {"class_type": "KSampler", "inputs": {"seed": 1'),
    ]);
    const result = await readGenerationMetadata(png);
    expect(result.raw).toEqual({ prompt: '{"3": {"class_type": "KSampler", "inputs": {"seed": 1' });
    expect(result.metadata.generator).toBe("comfyui");
    expect(result.warnings).toEqual([expect.stringMatching(/^comfyui: prompt JSON unreadable/)]);
  });

  it("respects maxChunkBytes for plain chunks", async () => {
    const png = encodePng(IMAGE, [textChunk("parameters", "x".repeat(5000))]);
    const result = await readGenerationMetadata(png, { maxChunkBytes: 1000 });
    expect(result.raw).toEqual({});
    expect(result.warnings).toContain("png: tEXt 'parameters' is larger than 1000 bytes; skipped");
  });
});

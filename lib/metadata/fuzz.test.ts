import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { deflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { readGenerationMetadata } from "./read-generation-metadata";
import { buildSamplePng, findSampleText, readFixtureFile } from "./testing/fixtures";
import { encodeJpeg, encodeWebp } from "./testing/jpeg-webp-encoder";
import { compressedTextChunk, encodePng, internationalTextChunk, textChunk } from "./testing/png-encoder";
import { createSeededRandom, mutateBytes } from "./testing/seeded-random";
import { embedStealthAlpha } from "./testing/stealth-encoder";
import { A1111_NASTY, COMFY_TWO_SAMPLERS, DRAW_THINGS_XMP } from "./testing/synthetic-payloads";
import { encodeTiff, encodeUserComment } from "./testing/tiff-encoder";

const SEED = 20_240_611;
const ITERATIONS = 2_000;
const MAX_PARSE_MS = 1_000;
const MAX_GROWTH_BYTES = 64 * 1024 * 1024;

/** A callable gc (vitest workers do not start with --expose-gc), so retained memory can be measured. */
function loadGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

function measureMemory(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

let corpus: Uint8Array[] = [];

beforeAll(async () => {
  const size = { width: 40, height: 40 };
  const stealth = embedStealthAlpha(
    new Uint8Array(40 * 40 * 4).fill(220),
    size,
    "hidden\nSteps: 3, Seed: 1",
    "stealth_pnginfo",
  );
  const userComment = encodeUserComment(findSampleText("swarmui", "UserComment"), "utf16le");
  corpus = [
    buildSamplePng("a1111-sd-webui"),
    buildSamplePng("comfyui-sdxl-refiner"),
    buildSamplePng("invokeai"),
    buildSamplePng("novelai-3char"),
    encodePng({ width: 8, height: 8 }, [
      compressedTextChunk("prompt", COMFY_TWO_SAMPLERS),
      internationalTextChunk("parameters", A1111_NASTY, { compressed: true }),
    ]),
    encodePng({ width: 8, height: 8 }, [
      { type: "zTXt", data: Uint8Array.from([0x62, 0, 0, ...deflateSync(Buffer.alloc(32 * 1024 * 1024))]) },
      textChunk("Comment", "{}"),
    ]),
    encodePng({ ...size, rgba: stealth }),
    readFixtureFile("a1111-webui-tiny.jpg"),
    await encodeJpeg({
      tiff: encodeTiff({ exif: [{ tag: 0x9286, type: "undefined", value: userComment }] }),
      xmp: DRAW_THINGS_XMP,
    }),
    await encodeWebp({
      exif: encodeTiff({
        littleEndian: true,
        ifd0: [{ tag: 0x0110, type: "ascii", value: `prompt:${COMFY_TWO_SAMPLERS}` }],
      }),
    }),
  ];
});

describe("fuzz: mutated fixtures", () => {
  it(`never throws, hangs or holds memory over ${ITERATIONS} seeded mutations`, async () => {
    const gc = loadGc();
    const random = createSeededRandom(SEED);
    gc();
    const baseline = measureMemory();
    let slowest = 0;
    let maxGrowth = 0;
    for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
      const source = corpus[iteration % corpus.length] ?? new Uint8Array();
      const mutated = mutateBytes(source, random);
      const started = performance.now();
      const result = await readGenerationMetadata(mutated, { maxChunkBytes: 4 * 1024 * 1024 });
      const elapsed = performance.now() - started;
      slowest = Math.max(slowest, elapsed);
      expect(elapsed, `iteration ${iteration} took ${elapsed} ms`).toBeLessThan(MAX_PARSE_MS);
      expect(Array.isArray(result.warnings)).toBe(true);
      expect(JSON.stringify(result).length).toBeGreaterThan(0);
      if (iteration % 100 === 99) {
        gc();
        maxGrowth = Math.max(maxGrowth, measureMemory() - baseline);
      }
    }
    expect(maxGrowth).toBeLessThan(MAX_GROWTH_BYTES);
    expect(slowest).toBeLessThan(MAX_PARSE_MS);
  });
});

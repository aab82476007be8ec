/**
 * Parsing cost of embedded metadata on a typical generated PNG: reading a ~1.5 MB file alone
 * (baseline) against reading plus readGenerationMetadata. Run: npx tsx scripts/bench/metadata.ts
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { readGenerationMetadata } from "@/lib/metadata/read-generation-metadata";
import { findSampleText } from "@/lib/metadata/testing/fixtures";
import { insertPngChunks, textChunk } from "@/lib/metadata/testing/png-encoder";

const ITERATIONS = 300;
const WARMUP = 30;

async function createBenchPng(): Promise<Uint8Array> {
  const noise = await sharp({
    create: {
      width: 740,
      height: 740,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  })
    .png()
    .toBuffer();
  return insertPngChunks(new Uint8Array(noise), [
    textChunk("parameters", findSampleText("stability-matrix", "parameters")),
    textChunk("prompt", findSampleText("comfyui-sdxl-refiner", "prompt")),
    textChunk("workflow", findSampleText("comfyui-sdxl-refiner", "workflow")),
  ]);
}

async function measure(label: string, operation: () => Promise<unknown>): Promise<number> {
  for (let index = 0; index < WARMUP; index += 1) await operation();
  const started = performance.now();
  for (let index = 0; index < ITERATIONS; index += 1) await operation();
  const perOperation = (performance.now() - started) / ITERATIONS;
  console.log(`${label.padEnd(28)} ${perOperation.toFixed(3)} ms/op`);
  return perOperation;
}

async function main() {
  const file = path.join(tmpdir(), `lightbox-bench-${process.pid}.png`);
  const png = await createBenchPng();
  await writeFile(file, png);
  try {
    console.log(
      `file: ${(png.length / 1024 / 1024).toFixed(2)} MB, ${ITERATIONS} iterations after ${WARMUP} warm-up`,
    );
    const check = await readGenerationMetadata(await readFile(file));
    console.log(
      `parsed: generator=${check.metadata.generator} seed=${check.metadata.seed} warnings=${check.warnings.length}`,
    );
    const baseline = await measure("read file (baseline)", () => readFile(file));
    const parsed = await measure("read file + parse", async () =>
      readGenerationMetadata(await readFile(file)),
    );
    const parseOnly = await measure("parse only (in memory)", () => readGenerationMetadata(png));
    console.log(
      `ratio (read+parse / read): ${(parsed / baseline).toFixed(2)}x; parse cost ${(parsed - baseline).toFixed(3)} ms/op`,
    );
    if (parseOnly >= 5) {
      console.error(`parse takes ${parseOnly.toFixed(3)} ms/op; the budget is 5 ms`);
      process.exitCode = 1;
    }
  } finally {
    await rm(file, { force: true });
  }
}

await main();

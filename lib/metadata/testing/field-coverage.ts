import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SampleExpectation } from "../fixtures/samples-expected";
import { readGenerationMetadata } from "../read-generation-metadata";

type Field = keyof SampleExpectation;
const FIELDS: Field[] = [
  "generator",
  "prompt",
  "negativePrompt",
  "seed",
  "steps",
  "sampler",
  "cfgScale",
  "model",
];
const IMAGE_FILE = /\.(png|jpe?g|webp|avif)$/i;

type FieldMiss = { file: string; field: Field; expected: unknown; read: unknown };
export type FieldCoverage = { expected: number; read: number; share: number; misses: FieldMiss[] };

/** What readGenerationMetadata returns for one file, in the expectation table's shape (prompts cut to 80). */
async function readExpectationFields(bytes: Uint8Array): Promise<SampleExpectation> {
  const { metadata } = await readGenerationMetadata(bytes);
  const cut = (text: string | null) => (text === null ? null : text.slice(0, 80));
  return {
    generator: metadata.generator,
    prompt: cut(metadata.prompt),
    negativePrompt: cut(metadata.negativePrompt),
    seed: metadata.seed,
    steps: metadata.steps,
    sampler: metadata.sampler,
    cfgScale: metadata.cfgScale,
    model: metadata.model,
  };
}

/**
 * The share of the fields a person reads from a folder's files (every non-null value of the table) that
 * the reader returns equal. A value the reader finds where the table has none is listed, not counted.
 */
export async function measureFieldCoverage(
  folder: string,
  table: Record<string, SampleExpectation>,
): Promise<FieldCoverage> {
  const coverage: FieldCoverage = { expected: 0, read: 0, share: 0, misses: [] };
  for (const file of readdirSync(folder)
    .filter((name) => IMAGE_FILE.test(name))
    .sort()) {
    const expected = table[file];
    if (!expected) throw new Error(`${file} has no row in the expectation table`);
    const read = await readExpectationFields(new Uint8Array(readFileSync(path.join(folder, file))));
    for (const field of FIELDS) {
      const isRead = read[field] === expected[field];
      if (expected[field] !== null) coverage.expected += 1;
      if (expected[field] !== null && isRead) coverage.read += 1;
      if (!isRead) coverage.misses.push({ file, field, expected: expected[field], read: read[field] });
    }
  }
  coverage.share = coverage.expected === 0 ? 1 : coverage.read / coverage.expected;
  return coverage;
}

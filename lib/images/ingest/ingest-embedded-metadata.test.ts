import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { images } from "@/lib/db/schema";
import { insertPngChunks, textChunk } from "@/lib/metadata/testing/png-encoder";
import { readSample } from "@/lib/testing/samples";
import { createTestContext } from "@/lib/testing/test-context";
import { makeTestPng } from "../testing/test-images";
import { ingestImage } from "./ingest-image";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };

async function storedRow(bytes: Uint8Array, metadata = {}) {
  const result = await ingestImage(deps, { bytes, source: "api", metadata });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  const [row] = await context.db.select().from(images).where(eq(images.id, result.value.image.id));
  if (!row) throw new Error("no row");
  return row;
}

/** The raw chunks decoded back: what a re-parse or export reads. */
const rawBytes = (row: { rawChunks: { type: string; base64: string }[] }) =>
  row.rawChunks.map((chunk) => ({ type: chunk.type, bytes: Buffer.from(chunk.base64, "base64") }));

describe("ingest: what a file embeds never refuses the file", () => {
  it("stores the real NovelAI WebP (NUL in its EXIF text) with a warning and its raw bytes", async () => {
    const bytes = readSample("novelai-3char.webp");
    const row = await storedRow(bytes);
    expect(row.generator).toBe("novelai");
    expect(row.prompt).toMatch(/^2girls, 1boy, dancing/);
    expect(row.metadataWarnings).toContainEqual(
      expect.objectContaining({ problem: "NUL characters removed" }),
    );
    const exif = rawBytes(row).find((chunk) => chunk.type === "webp:EXIF");
    expect(exif?.bytes.includes(0)).toBe(true);
    expect(Buffer.from(bytes).includes(exif?.bytes ?? Buffer.alloc(1))).toBe(true);
  });

  it("stores a Tensor.Art-like PNG whose text holds NUL, keeping the exact bytes", async () => {
    const parameters =
      "1girl, city\0 at night,\nNegative prompt: \nSteps: 25, Sampler: Euler a, CFG scale: 7, Seed: 42, Model: tensor\0art";
    const bytes = insertPngChunks(await makeTestPng(), [
      textChunk("parameters", parameters),
      textChunk("generation_data", '{"prompt":"x\\u0000y","steps":25}\0'),
    ]);
    const row = await storedRow(bytes);
    expect(row.prompt).toBe("1girl, city at night,");
    expect(row.negativePrompt).toBe("");
    expect(row.model).toBe("tensorart");
    expect(row.steps).toBe(25);
    expect(rawBytes(row).map((chunk) => chunk.bytes.toString("utf8"))).toEqual([
      `parameters\0${parameters}`,
      'generation_data\0{"prompt":"x\\u0000y","steps":25}\0',
    ]);
    expect(row.metadataWarnings.map((warning) => warning.field)).toEqual(
      expect.arrayContaining(["prompt", "model"]),
    );
  });

  it("stores embedded Steps: 99999999999 as no steps, with a warning", async () => {
    const bytes = await makeTestPng({
      parameters: "a cat\nSteps: 99999999999, Sampler: Euler, CFG scale: 1e999, Seed: 7",
    });
    const row = await storedRow(bytes);
    expect(row.steps).toBeNull();
    expect(row.seed).toBe("7");
    expect(row.metadataWarnings).toContainEqual(expect.objectContaining({ field: "steps" }));
  });

  it("keeps what was posted so a re-parse can honour it", async () => {
    const row = await storedRow(await makeTestPng({ parameters: "embedded\nSteps: 3, Seed: 1" }), {
      prompt: "posted prompt",
      steps: 9,
    });
    expect(row.prompt).toBe("posted prompt");
    expect(row.postedMetadata).toEqual({ prompt: "posted prompt", steps: 9 });
  });
});

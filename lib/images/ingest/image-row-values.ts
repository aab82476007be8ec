import "server-only";
import { createPostgresSanitiser } from "@/lib/db/postgres-safe";
import type { images, MetadataWarning } from "@/lib/db/schema";
import { modelKey, samplerKey } from "@/lib/metadata/model-key";
import type { ParsedMetadata } from "@/lib/metadata/types";
import type { MergedMetadata } from "./ingest-metadata";

type ImageInsert = typeof images.$inferInsert;
type Embedded = Pick<ParsedMetadata, "raw" | "rawChunks" | "warnings">;

/**
 * The generation fields of an image row, from what was posted merged with what the file embeds. Every
 * value passes the Postgres boundary here (lib/db/postgres-safe.ts): a file's metadata is never a reason
 * for the insert to fail, and what had to change is kept in `metadata_warnings`.
 */
export function generationColumns(merged: MergedMetadata, embedded: Embedded) {
  const safe = createPostgresSanitiser();
  const model = safe.text(merged.model, "model");
  const sampler = safe.text(merged.sampler, "sampler");
  const loras = safe.json(merged.loras, "loras").map((lora) => ({ ...lora, key: modelKey(lora.name) ?? "" }));
  const columns = {
    generator: merged.generator,
    prompt: safe.text(merged.prompt, "prompt"),
    negativePrompt: safe.text(merged.negativePrompt, "negative_prompt"),
    seed: merged.seed,
    model,
    modelKey: modelKey(model),
    modelVersion: safe.text(merged.modelVersion, "model_version"),
    modelHash: safe.text(merged.modelHash, "model_hash"),
    sampler,
    samplerKey: samplerKey(sampler),
    scheduler: safe.text(merged.scheduler, "scheduler"),
    steps: safe.integer(merged.steps, "steps", { min: 0 }),
    cfgScale: safe.double(merged.cfgScale, "cfg_scale"),
    loras,
    params: safe.json(merged.params, "params"),
    workflow: safe.json(merged.workflow, "workflow"),
    rawMetadata: safe.json(embedded.raw, "raw_metadata"),
    rawChunks: embedded.rawChunks.map((chunk) => ({
      type: chunk.type,
      base64: Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength).toString("base64"),
    })),
    postedMetadata: safe.json(merged.posted, "posted_metadata") as Record<string, unknown>,
  };
  const notes: MetadataWarning[] = embedded.warnings.map((problem) => ({ field: "file", problem }));
  // The parser's own notes quote keywords from the file, so they cross the boundary too.
  const metadataWarnings = safe.json([...safe.warnings, ...notes], "metadata_warnings");
  return { ...columns, metadataWarnings } satisfies Partial<ImageInsert>;
}

import "server-only";
import { eq } from "drizzle-orm";
import type { Config } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { readGenerationMetadata } from "@/lib/metadata/read-generation-metadata";
import { ok, type Result } from "@/lib/result";
import { getObjectBytes } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";
import { generationColumns } from "../ingest/image-row-values";
import { type IngestMetadata, ingestMetadataSchema, mergeMetadata } from "../ingest/ingest-metadata";
import { linkImageToTrainedModels } from "../trained-model-links";

export type ReparseDeps = { db: Database; storage: Storage; limits: Config["limits"] };
export type FieldChange = { field: string; from: unknown; to: unknown };
type ImageRow = typeof images.$inferSelect;

/** The generation columns a re-parse may rewrite; reviews, tags, run, dates and posted metadata are never touched. */
const GENERATION_FIELDS = [
  "generator",
  "prompt",
  "negativePrompt",
  "seed",
  "model",
  "modelKey",
  "modelVersion",
  "modelHash",
  "sampler",
  "samplerKey",
  "scheduler",
  "steps",
  "cfgScale",
  "loras",
  "params",
  "workflow",
  "rawMetadata",
  "rawChunks",
  "metadataWarnings",
] as const satisfies readonly (keyof ImageRow)[];

/**
 * Re-reads the metadata embedded in an image's stored original with today's parsers, merges what was
 * posted over it (posted wins, as at ingest), and writes the generation columns that differ. With
 * `dryRun`, only reports what would change.
 */
export async function reparseImage(
  deps: ReparseDeps,
  row: ImageRow,
  options: { dryRun: boolean },
): Promise<Result<FieldChange[]>> {
  const original = await getObjectBytes(deps.storage, row.objectKey, {
    maxBytes: deps.limits.maxUploadBytes,
  });
  if (!original.ok) return original;
  const embedded = await readGenerationMetadata(original.value);
  const merged = mergeMetadata(readPosted(row.postedMetadata), embedded.metadata);
  const columns = generationColumns(merged, embedded);
  const changes: FieldChange[] = [];
  const update: Partial<ImageRow> = {};
  for (const field of GENERATION_FIELDS) {
    const next = columns[field] ?? null;
    if (canonicalJson(row[field]) === canonicalJson(next)) continue;
    changes.push({ field, from: row[field], to: next });
    Object.assign(update, { [field]: next });
  }
  if (changes.length > 0 && !options.dryRun) {
    await deps.db.transaction(async (tx) => {
      await tx.update(images).set(update).where(eq(images.id, row.id));
      // What the image names may have changed (a hash the old parser missed): its model links follow.
      await linkImageToTrainedModels(tx, row.id, { replace: true });
    });
  }
  return ok(changes);
}

/** posted_metadata was validated at ingest; a row from before the column existed holds `{}`. */
function readPosted(posted: Record<string, unknown>): IngestMetadata {
  const parsed = ingestMetadataSchema.safeParse(posted);
  return parsed.success ? parsed.data : {};
}

/** JSON with sorted keys: jsonb gives keys back in its own order, which is no change. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

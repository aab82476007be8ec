import "server-only";
import { and, eq } from "drizzle-orm";
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
 * `dryRun`, only reports what would change. The bytes are parsed outside any transaction; the write compares with
 * the row as locked then, not as read before the parse (`row` may be a batch's earlier read): an image purged or
 * found missing meanwhile is left alone, and two re-parses of one image (a job's slice run again, `--here` beside
 * the workers) write once.
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
  const changesTo = (current: ImageRow) => {
    const merged = mergeMetadata(readPosted(current.postedMetadata), embedded.metadata);
    return generationChanges(current, generationColumns(merged, embedded));
  };
  if (options.dryRun) return ok(changesTo(row).changes);
  const written = await deps.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(images)
      .where(and(eq(images.id, row.id), eq(images.objectState, "present")))
      .for("update");
    if (!current) return [];
    const { changes, update } = changesTo(current);
    if (changes.length === 0) return [];
    await tx.update(images).set(update).where(eq(images.id, row.id));
    // What the image names may have changed (a hash the old parser missed): its model links follow.
    await linkImageToTrainedModels(tx, row.id, { replace: true });
    return changes;
  });
  return ok(written);
}

function generationChanges(
  row: ImageRow,
  columns: ReturnType<typeof generationColumns>,
): { changes: FieldChange[]; update: Partial<ImageRow> } {
  const changes: FieldChange[] = [];
  const update: Partial<ImageRow> = {};
  for (const field of GENERATION_FIELDS) {
    const next = columns[field] ?? null;
    if (canonicalJson(row[field]) === canonicalJson(next)) continue;
    changes.push({ field, from: row[field], to: next });
    Object.assign(update, { [field]: next });
  }
  return { changes, update };
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

import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { type CritiqueRecord, type CritiqueRow, toCritiqueRecord } from "@/lib/critics/critique-record";
import type { Queryable } from "@/lib/db/client";
import { critiques, type images, imageTags, imageVariants, runs, tags } from "@/lib/db/schema";
import type { imageListColumns } from "@/lib/images/preview/list-preview";
import type { TruncatableField } from "@/lib/images/preview/list-preview-limits";
import { signGetUrl } from "@/lib/storage/signing";
import type { Storage } from "@/lib/storage/storage";
import type { imageRecordSchema } from "./image-record-schema";

type VariantRow = typeof imageVariants.$inferSelect;
/**
 * What a record is made of: a whole image row (single-image reads), or a list's row of previews with the fields it
 * cut (lib/images/list-preview.ts).
 */
type ImageRecordRow = Pick<
  typeof images.$inferSelect,
  Exclude<keyof typeof imageListColumns, "truncatedFields">
> & { truncatedFields?: TruncatableField[] };

/** The API's view of an image (snake_case on the wire, like the metadata a generator posts). */
export type ImageRecord = z.output<typeof imageRecordSchema>;

export function toImageRecord(
  row: ImageRecordRow,
  related: {
    run: { id: string; name: string } | null;
    tags: string[];
    variants: VariantRow[];
    critiques?: CritiqueRow[];
  },
): ImageRecord {
  return {
    id: row.id,
    sha256: row.sha256,
    object_key: row.objectKey,
    content_type: row.contentType,
    byte_size: row.byteSize,
    width: row.width,
    height: row.height,
    placeholder: row.placeholder,
    source: row.source,
    generator: row.generator,
    prompt: row.prompt,
    negative_prompt: row.negativePrompt,
    seed: row.seed,
    model: row.model,
    model_key: row.modelKey,
    model_version: row.modelVersion,
    model_hash: row.modelHash,
    sampler: row.sampler,
    sampler_key: row.samplerKey,
    scheduler: row.scheduler,
    steps: row.steps,
    cfg_scale: row.cfgScale,
    loras: row.loras,
    params: row.params,
    metadata_warnings: row.metadataWarnings,
    workflow: row.workflow,
    run: related.run,
    tags: related.tags,
    critiques: (related.critiques ?? []).map(toCritiqueRecord) satisfies CritiqueRecord[],
    variants: related.variants.map((variant) => ({
      name: variant.name,
      object_key: variant.objectKey,
      width: variant.width,
      height: variant.height,
      byte_size: variant.byteSize,
    })),
    review_status: row.reviewStatus,
    object_state: row.objectState,
    derive_state: row.deriveState,
    derive_error: row.deriveError,
    created_at: row.createdAt.toISOString(),
    deleted_at: row.deletedAt?.toISOString() ?? null,
    truncated_fields: row.truncatedFields ?? [],
  };
}

/** Loads the rows' runs, tags, variants and current critiques in four queries, whatever the number of images. */
export async function loadImageRecords(db: Queryable, rows: ImageRecordRow[]): Promise<ImageRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const runIds = [...new Set(rows.flatMap((row) => (row.runId ? [row.runId] : [])))];
  const [runRows, tagRows, variantRows, critiqueRows] = await Promise.all([
    runIds.length > 0
      ? db.select({ id: runs.id, name: runs.name }).from(runs).where(inArray(runs.id, runIds))
      : [],
    db
      .select({ imageId: imageTags.imageId, name: tags.name })
      .from(imageTags)
      .innerJoin(tags, eq(tags.id, imageTags.tagId))
      .where(inArray(imageTags.imageId, ids))
      .orderBy(asc(tags.name)),
    db.select().from(imageVariants).where(inArray(imageVariants.imageId, ids)),
    db
      .select()
      .from(critiques)
      .where(and(inArray(critiques.imageId, ids), eq(critiques.isCurrent, true)))
      .orderBy(asc(critiques.critic), asc(critiques.criticVersion)),
  ]);
  const runById = new Map(runRows.map((run) => [run.id, run]));
  return rows.map((row) =>
    toImageRecord(row, {
      run: row.runId ? (runById.get(row.runId) ?? null) : null,
      tags: tagRows.filter((tag) => tag.imageId === row.id).map((tag) => tag.name),
      variants: variantRows.filter((variant) => variant.imageId === row.id),
      critiques: critiqueRows.filter((critique) => critique.imageId === row.id),
    }),
  );
}

export type ImageUrls = { original: string; preview: string; thumb: string };

/** Signed read URLs; an image without a preview (small originals) uses the original in its place. */
export async function signImageUrls(storage: Storage, record: ImageRecord): Promise<ImageUrls> {
  const original = await signGetUrl(storage, record.object_key);
  const previewKey = variantKeyOf(record, "preview");
  const thumbKey = variantKeyOf(record, "thumb");
  return {
    original,
    preview: previewKey ? await signGetUrl(storage, previewKey) : original,
    thumb: thumbKey ? await signGetUrl(storage, thumbKey) : original,
  };
}

/** The thumbnail's signed URL alone (the original's without one): what a list item carries, one signature each. */
export function signThumbUrl(storage: Storage, record: ImageRecord): Promise<string> {
  return signGetUrl(storage, variantKeyOf(record, "thumb") ?? record.object_key);
}

const variantKeyOf = (record: ImageRecord, name: string) =>
  record.variants.find((variant) => variant.name === name)?.object_key;

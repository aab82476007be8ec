import "server-only";
import { type Column, type SQL, sql } from "drizzle-orm";
import { images } from "@/lib/db/schema";
import { PREVIEW_LIMITS, type TruncatableField } from "./list-preview-limits";

// A list (the API's, MCP search, gallery tiles, review details, a dataset's members, disagreements) carries a
// bounded preview of every value a file can make long, and names what it cut in the record, so a page's size does
// not depend on what files embed: an ingest key can store an 8 MiB prompt inside a PNG. The single-image GET
// carries each value whole. Previews are cut in SQL, reading a long value by slice, so neither the database's
// answer nor this process ever holds the whole value for a list.

/** The first `chars` characters of a text column. */
export const textPreview = (column: Column, chars: number) => sql<string | null>`left(${column}, ${chars})`;

/** Whether a text column holds more than `chars` characters (counted on a slice, not the whole value). */
export const isTextCut = (column: Column, chars: number): SQL<boolean> =>
  sql`coalesce(char_length(left(${column}, ${chars + 1})) > ${chars}, false)`;

/**
 * Whether a JSON column's text is longer than `bytes`. A value stored larger than 8 × that (even compressed) is
 * longer without being printed, so the database never prints a large value to find out.
 */
const isJsonCut = (column: Column, bytes: number): SQL<boolean> =>
  sql`case when ${column} is null then false when pg_column_size(${column}) > ${8 * bytes} then true
    else octet_length(${column}::text) > ${bytes} end`;

/** A JSON column as it is when its text is at most `bytes`, else `empty`; decoded as the column decodes. */
const jsonPreview = <C extends Column>(column: C, bytes: number, empty: SQL) =>
  sql<C["_"]["data"]>`case when ${isJsonCut(column, bytes)} then ${empty} else ${column} end`.mapWith(column);

const TEXT_COLUMNS = {
  prompt: [images.prompt, PREVIEW_LIMITS.prompt],
  negative_prompt: [images.negativePrompt, PREVIEW_LIMITS.negative_prompt],
  model: [images.model, PREVIEW_LIMITS.name],
  model_key: [images.modelKey, PREVIEW_LIMITS.name],
  model_version: [images.modelVersion, PREVIEW_LIMITS.name],
  model_hash: [images.modelHash, PREVIEW_LIMITS.name],
  sampler: [images.sampler, PREVIEW_LIMITS.name],
  sampler_key: [images.samplerKey, PREVIEW_LIMITS.name],
  scheduler: [images.scheduler, PREVIEW_LIMITS.name],
} as const satisfies Partial<Record<TruncatableField, readonly [Column, number]>>;

const JSON_COLUMNS = {
  loras: images.loras,
  params: images.params,
  workflow: images.workflow,
  metadata_warnings: images.metadataWarnings,
} as const satisfies Partial<Record<TruncatableField, Column>>;

/** The names of the fields this row's list record cuts, as a text[] ('{}' when none). */
const truncatedFields: SQL<TruncatableField[]> = sql`array_remove(array[${sql.join(
  [
    ...Object.entries(TEXT_COLUMNS).map(
      ([field, [column, chars]]) => sql`case when ${isTextCut(column, chars)} then ${field} end`,
    ),
    ...Object.entries(JSON_COLUMNS).map(
      ([field, column]) => sql`case when ${isJsonCut(column, PREVIEW_LIMITS.json)} then ${field} end`,
    ),
  ],
  sql`, `,
)}]::text[], null)`;

/**
 * The columns of an image's list record: every column the record shows, long values as previews (JSON values
 * over the limit as their empty value), and `truncatedFields`. The raw metadata and chunks are not read at all.
 */
export const imageListColumns = {
  id: images.id,
  sha256: images.sha256,
  objectKey: images.objectKey,
  contentType: images.contentType,
  byteSize: images.byteSize,
  width: images.width,
  height: images.height,
  placeholder: images.placeholder,
  source: images.source,
  generator: images.generator,
  runId: images.runId,
  prompt: textPreview(...TEXT_COLUMNS.prompt),
  negativePrompt: textPreview(...TEXT_COLUMNS.negative_prompt),
  seed: images.seed,
  model: textPreview(...TEXT_COLUMNS.model),
  modelKey: textPreview(...TEXT_COLUMNS.model_key),
  modelVersion: textPreview(...TEXT_COLUMNS.model_version),
  modelHash: textPreview(...TEXT_COLUMNS.model_hash),
  sampler: textPreview(...TEXT_COLUMNS.sampler),
  samplerKey: textPreview(...TEXT_COLUMNS.sampler_key),
  scheduler: textPreview(...TEXT_COLUMNS.scheduler),
  steps: images.steps,
  cfgScale: images.cfgScale,
  loras: jsonPreview(images.loras, PREVIEW_LIMITS.json, sql`'[]'::jsonb`),
  params: jsonPreview(images.params, PREVIEW_LIMITS.json, sql`'{}'::jsonb`),
  workflow: jsonPreview(images.workflow, PREVIEW_LIMITS.json, sql`null`),
  metadataWarnings: jsonPreview(images.metadataWarnings, PREVIEW_LIMITS.json, sql`'[]'::jsonb`),
  reviewStatus: images.reviewStatus,
  objectState: images.objectState,
  deriveState: images.deriveState,
  deriveError: images.deriveError,
  createdAt: images.createdAt,
  deletedAt: images.deletedAt,
  truncatedFields,
};

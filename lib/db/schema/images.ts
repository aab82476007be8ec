import { type SQL, sql } from "drizzle-orm";
import {
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { GENERATORS } from "@/lib/enums/generators";
import {
  DERIVE_STATES,
  IMAGE_SOURCES,
  OBJECT_STATES,
  REVIEW_STATUSES,
  VARIANT_NAMES,
} from "@/lib/enums/image-enums";
import { checkOneOf, createdAt, float4, lifecycleDates, tsvector } from "./columns";

/** `key` is the normalised name the LoRA filter matches (see lib/metadata/model-key.ts). */
export type LoraEntry = { name: string; weight: number | null; hash?: string; key?: string };
/** One metadata segment of the original file, byte for byte (base64), e.g. `{ type: "png:tEXt", base64 }`. */
export type RawChunkEntry = { type: string; base64: string };
/** A value the ingest changed to store it (NUL removed, integer out of range…), or a parser note. */
export type MetadataWarning = { field: string; problem: string };

export const runs = pgTable(
  "runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    generator: text("generator"),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    ...lifecycleDates,
  },
  // runs are addressed by name from the API ("created on first use")
  (table) => [uniqueIndex("runs_name_key").on(table.name)],
);

export const images = pgTable(
  "images",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sha256: text("sha256").notNull(),
    bucket: text("bucket").notNull(),
    objectKey: text("object_key").notNull(),
    objectState: text("object_state", { enum: OBJECT_STATES }).notNull().default("present"),
    contentType: text("content_type").notNull(),
    byteSize: bigint("byte_size", { mode: "number" }).notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    placeholder: text("placeholder"),
    runId: uuid("run_id").references(() => runs.id, { onDelete: "set null" }),
    source: text("source", { enum: IMAGE_SOURCES }).notNull(),
    generator: text("generator", { enum: GENERATORS }),
    prompt: text("prompt"),
    negativePrompt: text("negative_prompt"),
    // numeric, not bigint: ComfyUI seeds span 0..2^64-1, past Postgres bigint's 2^63-1.
    seed: numeric("seed", { precision: 20, scale: 0 }),
    model: text("model"),
    // The model as a user names it: no folder, no extension, case-folded; what filters and facets use.
    modelKey: text("model_key"),
    modelVersion: text("model_version"),
    modelHash: text("model_hash"),
    sampler: text("sampler"),
    // The sampler normalised across writers ("Euler a" and "euler_ancestral" are one); `sampler` stays verbatim.
    samplerKey: text("sampler_key"),
    scheduler: text("scheduler"),
    steps: integer("steps"),
    cfgScale: doublePrecision("cfg_scale"),
    loras: jsonb("loras").$type<LoraEntry[]>().notNull().default([]),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    workflow: jsonb("workflow"),
    // Every embedded text chunk as found in the file, so nothing a parser missed is lost.
    rawMetadata: jsonb("raw_metadata").$type<Record<string, string>>().notNull().default({}),
    // The same segments losslessly (raw_metadata is decoded and made storable), for re-parse and export.
    rawChunks: jsonb("raw_chunks").$type<RawChunkEntry[]>().notNull().default([]),
    // What the client posted as metadata: it wins over the file, also when `cli reparse` re-reads the file.
    postedMetadata: jsonb("posted_metadata").$type<Record<string, unknown>>().notNull().default({}),
    metadataWarnings: jsonb("metadata_warnings").$type<MetadataWarning[]>().notNull().default([]),
    reviewStatus: text("review_status", { enum: REVIEW_STATUSES }).notNull().default("unreviewed"),
    scoreAvg: float4("score_avg"),
    promptSearch: tsvector("prompt_search").generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('simple', coalesce(${images.prompt}, '')), 'A') || setweight(to_tsvector('simple', coalesce(${images.negativePrompt}, '')), 'D')`,
    ),
    ...lifecycleDates,
    // Set by every post of these bytes, first or duplicate: a purge refuses an image posted again after the
    // purge was asked, so a "duplicate" answer always names an image that is still stored.
    lastPostedAt: timestamp("last_posted_at", { withTimezone: true }).notNull().defaultNow(),
    // 64-bit DCT perceptual hash (lib/images/similar/perceptual-hash.ts), and the same cut into four 16-bit bands for the
    // indexed near-duplicate lookup. Null until computed (ingest, or the phash backfill for old rows).
    phash: bigint("phash", { mode: "bigint" }),
    phashBand0: integer("phash_band0"),
    phashBand1: integer("phash_band1"),
    phashBand2: integer("phash_band2"),
    phashBand3: integer("phash_band3"),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    // The worker's derived work (lib/images/derive): rows from before the worker existed were derived at ingest.
    deriveState: text("derive_state", { enum: DERIVE_STATES }).notNull().default("done"),
    // Why the derivation failed (safe to show: "not a decodable image"); null unless derive_state = 'failed'.
    deriveError: text("derive_error"),
  },
  (table) => [
    // storage contract: one row per content hash, one row per object
    uniqueIndex("images_sha256_key").on(table.sha256),
    // collate "C" (byte order, as S3 lists keys): the doctor walks rows in this order beside the bucket listing
    uniqueIndex("images_object_key_key").on(sql`${table.objectKey} collate "C"`),
    check("images_sha256_check", sql`${table.sha256} ~ '^[0-9a-f]{64}$'`),
    checkOneOf("images_source_check", table.source, IMAGE_SOURCES),
    checkOneOf("images_generator_check", table.generator, GENERATORS),
    checkOneOf("images_review_status_check", table.reviewStatus, REVIEW_STATUSES),
    checkOneOf("images_object_state_check", table.objectState, OBJECT_STATES),
    checkOneOf("images_derive_state_check", table.deriveState, DERIVE_STATES),
    check(
      "images_dimensions_check",
      sql`${table.width} > 0 and ${table.height} > 0 and ${table.byteSize} > 0`,
    ),
    check("images_steps_check", sql`${table.steps} is null or ${table.steps} >= 0`),
    check("images_seed_check", sql`${table.seed} is null or ${table.seed} >= 0`),
    // gallery default: newest first, keyset on (created_at, id), live images only
    index("images_created_at_id_idx")
      .on(table.createdAt.desc(), table.id.desc())
      .where(sql`${table.deletedAt} is null`),
    // gallery filters, each followed by the keyset columns so a filtered page is an index range scan
    index("images_run_id_created_at_idx").on(table.runId, table.createdAt.desc(), table.id.desc()),
    // model filter and facets match the normalised key, not the verbatim name
    index("images_model_key_created_at_idx").on(table.modelKey, table.createdAt.desc(), table.id.desc()),
    index("images_review_status_created_at_idx").on(
      table.reviewStatus,
      table.createdAt.desc(),
      table.id.desc(),
    ),
    // sort by score
    index("images_score_avg_id_idx").on(table.scoreAvg, table.id),
    // "compare with same seed"
    index("images_seed_idx").on(table.seed),
    // LoRA filter: loras @> '[{"key": "…"}]' (the normalised LoRA name)
    index("images_loras_idx").using("gin", sql`${table.loras} jsonb_path_ops`),
    // model filter by a part of the name (model_key like '%…%'), and its suggestions (pg_trgm)
    index("images_model_key_trgm_idx").using("gin", table.modelKey.op("gin_trgm_ops")),
    // LoRA filter by a part of a name: the entries' keys as one text (loraKeysText in selection/image-conditions.ts)
    index("images_lora_keys_trgm_idx").using(
      "gin",
      sql`(jsonb_path_query_array(${table.loras}, '$[*].key'::jsonpath)::text) gin_trgm_ops`,
    ),
    // full-text prompt search
    index("images_prompt_search_idx").using("gin", table.promptSearch),
    // near-duplicate lookup: phash_bandN = any(<probes>) for each band (a bitmap OR of four equality scans, about
    // rows/65536 per probe), then the exact Hamming distance on those candidates
    index("images_phash_band0_idx").on(table.phashBand0),
    index("images_phash_band1_idx").on(table.phashBand1),
    index("images_phash_band2_idx").on(table.phashBand2),
    index("images_phash_band3_idx").on(table.phashBand3),
    // the doctor's overdue derivations and the pages' "which pending thumbs are ready now": the few rows not done
    index("images_derive_state_created_at_idx")
      .on(table.deriveState, table.createdAt)
      .where(sql`${table.deriveState} <> 'done'`),
    // trash view and purge
    index("images_deleted_at_idx").on(table.deletedAt).where(sql`${table.deletedAt} is not null`),
  ],
);

export const imageVariants = pgTable(
  "image_variants",
  {
    imageId: uuid("image_id")
      .notNull()
      .references(() => images.id, { onDelete: "cascade" }),
    name: text("name", { enum: VARIANT_NAMES }).notNull(),
    objectKey: text("object_key").notNull(),
    contentType: text("content_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    byteSize: bigint("byte_size", { mode: "number" }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ name: "image_variants_pkey", columns: [table.imageId, table.name] }),
    // collate "C" (byte order, as S3 lists keys): the doctor walks rows in this order beside the bucket listing
    uniqueIndex("image_variants_object_key_key").on(sql`${table.objectKey} collate "C"`),
    checkOneOf("image_variants_name_check", table.name, VARIANT_NAMES),
  ],
);

import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { LINK_SOURCES, TRAINED_MODEL_KINDS } from "@/lib/enums/lineage-enums";
import { users } from "./auth";
import { checkOneOf, createdAt, lifecycleDates } from "./columns";
import { datasetVersions } from "./datasets";
import { images } from "./images";

/**
 * A model file trained on a frozen dataset version: the loop from a training set to the images made with what it
 * trained. Its identity is any of the hashes generators write (lib/lineage/model-hashes.ts explains each form),
 * a Civitai version id, or the file name A1111 and ComfyUI write (`match_key`, the lib/metadata/model-key.ts form).
 */
export const trainedModels = pgTable(
  "trained_models",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind", { enum: TRAINED_MODEL_KINDS }).notNull(),
    // restrict: a version with models trained on it is their provenance
    datasetVersionId: uuid("dataset_version_id")
      .notNull()
      .references(() => datasetVersions.id, { onDelete: "restrict" }),
    sha256: text("sha256"),
    // The short forms, lowercase hex: A1111's legacy "model hash" (8), AutoV2 = sha256[0:10], and AutoV3 = the
    // first 12 of the sha256 of a safetensors file's tensors (what A1111 writes as `Lora hashes`).
    autov1: text("autov1"),
    autov2: text("autov2"),
    autov3: text("autov3"),
    matchKey: text("match_key"),
    civitaiVersionId: bigint("civitai_version_id", { mode: "number" }),
    notes: text("notes"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    ...lifecycleDates,
  },
  (table) => [
    // the CLI and the API address a model by name
    uniqueIndex("trained_models_name_key").on(table.name),
    // one file is one model: a second registration of the same bytes is a mistake
    uniqueIndex("trained_models_sha256_key").on(table.sha256),
    // ...and so is its AutoV2 or AutoV3 (40 and 48 bits: two files never share one), else the same file registered
    // by sha256 against v3 and by its short hash against v4 would let both versions claim its images
    uniqueIndex("trained_models_autov2_key").on(table.autov2),
    uniqueIndex("trained_models_autov3_key").on(table.autov3),
    // one file name links to one model of a kind, or "trained on v3" and "trained on v4" would both claim an image
    uniqueIndex("trained_models_kind_match_key_key").on(table.kind, table.matchKey),
    uniqueIndex("trained_models_civitai_version_id_key").on(table.civitaiVersionId),
    // "models trained on this version" on the dataset page
    index("trained_models_dataset_version_id_idx").on(table.datasetVersionId),
    checkOneOf("trained_models_kind_check", table.kind, TRAINED_MODEL_KINDS),
    check("trained_models_sha256_check", sql`${table.sha256} ~ '^[0-9a-f]{64}$'`),
    check("trained_models_autov1_check", sql`${table.autov1} ~ '^[0-9a-f]{8}$'`),
    check(
      "trained_models_autov2_check",
      sql`${table.autov2} ~ '^[0-9a-f]{10}$' and (${table.sha256} is null or ${table.autov2} = left(${table.sha256}, 10))`,
    ),
    check("trained_models_autov3_check", sql`${table.autov3} ~ '^[0-9a-f]{12}$'`),
    check("trained_models_civitai_version_id_check", sql`${table.civitaiVersionId} > 0`),
    // a model nothing can name would never link an image
    check(
      "trained_models_identity_check",
      sql`num_nonnulls(${table.sha256}, ${table.autov1}, ${table.autov2}, ${table.autov3}, ${table.matchKey}, ${table.civitaiVersionId}) > 0`,
    ),
  ],
);

/** An image whose metadata names a trained model (kept by registration, ingest and reparse). */
export const imageTrainedModels = pgTable(
  "image_trained_models",
  {
    imageId: uuid("image_id")
      .notNull()
      .references(() => images.id, { onDelete: "cascade" }),
    trainedModelId: uuid("trained_model_id")
      .notNull()
      .references(() => trainedModels.id, { onDelete: "cascade" }),
    matchedBy: text("matched_by", { enum: LINK_SOURCES }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ name: "image_trained_models_pkey", columns: [table.imageId, table.trainedModelId] }),
    // a model's images: the trained_model filter and the per-version approval figures
    index("image_trained_models_trained_model_id_idx").on(table.trainedModelId, table.imageId),
    checkOneOf("image_trained_models_matched_by_check", table.matchedBy, LINK_SOURCES),
  ],
);

import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, lifecycleDates } from "./columns";
import { images, type LoraEntry } from "./images";

export const datasets = pgTable(
  "datasets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description"),
    // The saved gallery filter a dataset was created from, if any.
    filter: jsonb("filter").$type<Record<string, unknown>>(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    ...lifecycleDates,
  },
  // datasets are addressed by name from the CLI (`export <dataset>`)
  (table) => [uniqueIndex("datasets_name_key").on(table.name)],
);

export const datasetImages = pgTable(
  "dataset_images",
  {
    datasetId: uuid("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    // restrict: an image in a dataset is protected from purge
    imageId: uuid("image_id")
      .notNull()
      .references(() => images.id, { onDelete: "restrict" }),
    caption: text("caption"),
    addedAt: createdAt(),
  },
  (table) => [
    primaryKey({ name: "dataset_images_pkey", columns: [table.datasetId, table.imageId] }),
    // "datasets this image belongs to" on the image page
    index("dataset_images_image_id_idx").on(table.imageId),
  ],
);

/** What an image looked like when a version was frozen: the training set's provenance, never rewritten. */
export type DatasetImageSnapshot = {
  prompt: string | null;
  negative_prompt: string | null;
  seed: string | null;
  model: string | null;
  loras: LoraEntry[];
  review_status: string;
  reasons: string[];
  width: number;
  height: number;
  byte_size: number;
  content_type: string;
};

// A frozen, immutable cut of a dataset: numbered 1, 2, 3… per dataset. Exports read only these tables.
export const datasetVersions = pgTable(
  "dataset_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // restrict: a frozen version is a training record; the dataset cannot vanish under it
    datasetId: uuid("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "restrict" }),
    version: integer("version").notNull(),
    imageCount: integer("image_count").notNull(),
    note: text("note"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (table) => [
    // export addresses a version as (dataset, n); the next number is max + 1 under the dataset's row lock
    uniqueIndex("dataset_versions_dataset_id_version_key").on(table.datasetId, table.version),
    check("dataset_versions_version_check", sql`${table.version} > 0`),
  ],
);

export const datasetVersionImages = pgTable(
  "dataset_version_images",
  {
    versionId: uuid("version_id")
      .notNull()
      .references(() => datasetVersions.id, { onDelete: "cascade" }),
    // Export order (0-based): fixed at freeze time so re-exports are byte-identical.
    position: integer("position").notNull(),
    // restrict: an image in any frozen version is protected from purge
    imageId: uuid("image_id")
      .notNull()
      .references(() => images.id, { onDelete: "restrict" }),
    sha256: text("sha256").notNull(),
    objectKey: text("object_key").notNull(),
    fileName: text("file_name").notNull(),
    caption: text("caption").notNull(),
    snapshot: jsonb("snapshot").$type<DatasetImageSnapshot>().notNull(),
  },
  (table) => [
    primaryKey({ name: "dataset_version_images_pkey", columns: [table.versionId, table.position] }),
    // one image once per version; export file names are unique within a version
    uniqueIndex("dataset_version_images_version_id_image_id_key").on(table.versionId, table.imageId),
    uniqueIndex("dataset_version_images_version_id_file_name_key").on(table.versionId, table.fileName),
    // purge and cleanup: "is this image in any frozen version?"
    index("dataset_version_images_image_id_idx").on(table.imageId),
  ],
);

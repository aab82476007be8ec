import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { CAPTION_CHANGE_KINDS } from "@/lib/enums/caption-change-kinds";
import { users } from "./auth";
import { checkOneOf, createdAt, lifecycleDates } from "./columns";
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
    // Bumped by every change of membership or captions, under the row's lock (lib/datasets/dataset-revision.ts):
    // a freeze or a bulk caption change confirmed against revision N refuses to act if it is no longer N.
    revision: integer("revision").notNull().default(0),
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
    // When a person last typed this caption (null: made from the prompt, a template or a tag operation only);
    // bulk rewrites name these and ask before they overwrite them.
    captionEditedAt: timestamp("caption_edited_at", { withTimezone: true }),
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

// One caption change: a hand edit of one caption, or one bulk step (a template, a tag operation, an undo) over many.
// Undoing it restores every caption it wrote that nobody changed since, in one step.
export const datasetCaptionChanges = pgTable(
  "dataset_caption_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    datasetId: uuid("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: CAPTION_CHANGE_KINDS }).notNull(),
    // What was asked, for people: "template {trigger}, {caption} (trigger ohwx)", "rename tag a → b".
    summary: text("summary").notNull(),
    imageCount: integer("image_count").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    // The undo that reverted this change (set once, under this row's lock: one undo per change).
    undoneBy: uuid("undone_by"),
  },
  (table) => [
    // the workbench's "recent changes" list and GET …/caption-changes, newest first
    index("dataset_caption_changes_dataset_id_created_at_idx").on(table.datasetId, table.createdAt.desc()),
    checkOneOf("dataset_caption_changes_kind_check", table.kind, CAPTION_CHANGE_KINDS),
  ],
);

// The captions one change wrote: before and after, per image. An image's history is its rows across changes.
export const datasetCaptionEdits = pgTable(
  "dataset_caption_edits",
  {
    changeId: uuid("change_id")
      .notNull()
      .references(() => datasetCaptionChanges.id, { onDelete: "cascade" }),
    datasetId: uuid("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    // cascade: history never keeps a purged image (an image is purged only once it is in no dataset)
    imageId: uuid("image_id")
      .notNull()
      .references(() => images.id, { onDelete: "cascade" }),
    before: text("before").notNull(),
    after: text("after").notNull(),
    // caption_edited_at before this change, so an undo restores whether the caption was typed by hand
    editedAtBefore: timestamp("edited_at_before", { withTimezone: true }),
  },
  (table) => [
    primaryKey({ name: "dataset_caption_edits_pkey", columns: [table.changeId, table.imageId] }),
    // one image's caption history in a dataset
    index("dataset_caption_edits_dataset_id_image_id_idx").on(table.datasetId, table.imageId),
    // purge's cascade from images
    index("dataset_caption_edits_image_id_idx").on(table.imageId),
  ],
);

import { index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, lifecycleDates } from "./columns";
import { images } from "./images";

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

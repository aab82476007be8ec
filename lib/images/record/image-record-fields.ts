import "server-only";
import { getTableColumns, type SQL, sql, type Table } from "drizzle-orm";
import { critiques, images, imageTags, imageVariants, runs, tags } from "@/lib/db/schema";
import { type ImageRecord, toImageRecord } from "./image-record";

type Related = Parameters<typeof toImageRecord>[1];
type ImageRowWithRelated = typeof images.$inferSelect & { related: Related };

/**
 * An image's run, tags, variants and current critiques as one JSON value, beside the image's columns in the same
 * statement: a page of records is one statement where `loadImageRecords` (the batch form) takes five, and its
 * database work is done for the page's rows only (a sub-select in the select list runs after the LIMIT).
 */
// Nested in a second sql chunk: drizzle strips the table from top-level columns of a single-table selection, and
// the sub-selects must say which table each column is from.
export const imageRelatedField = sql`${relatedJson()}`.mapWith((value: unknown) =>
  decodeRelated(value as RelatedJson),
);

/**
 * An image row's columns and its related rows (imageRelatedField), for the paths that answer with one image (a
 * duplicate post, a repair, a get). Works in a select from `images` and in an update's RETURNING.
 */
export const imageRecordFields = { ...getTableColumns(images), related: imageRelatedField };

export function toImageRecordWithRelated(row: ImageRowWithRelated): ImageRecord {
  const { related, ...image } = row;
  return toImageRecord(image, related);
}

type RelatedJson = {
  run: { id: string; name: string } | null;
  tags: string[];
  variants: Record<string, unknown>[];
  critiques: Record<string, unknown>[];
};

function relatedJson(): SQL {
  return sql`json_build_object(
    'run', (select json_build_object('id', ${runs.id}, 'name', ${runs.name}) from ${runs} where ${runs.id} = ${images.runId}),
    'tags', coalesce((select json_agg(${tags.name} order by ${tags.name}) from ${imageTags}
      inner join ${tags} on ${tags.id} = ${imageTags.tagId} where ${imageTags.imageId} = ${images.id}), '[]'),
    'variants', coalesce((select json_agg(${jsonObjectOf(imageVariants)}) from ${imageVariants}
      where ${imageVariants.imageId} = ${images.id}), '[]'),
    'critiques', coalesce((select json_agg(${jsonObjectOf(critiques)} order by ${critiques.critic}, ${critiques.criticVersion})
      from ${critiques} where ${critiques.imageId} = ${images.id} and ${critiques.isCurrent}), '[]')
  )`;
}

/** `json_build_object('camelKey', "table"."column", …)` over every column of the table. */
function jsonObjectOf(table: Table): SQL {
  const pairs = Object.entries(getTableColumns(table)).map(
    ([key, column]) => sql`${sql.raw(`'${key}'`)}, ${column}`,
  );
  return sql`json_build_object(${sql.join(pairs, sql`, `)})`;
}

function decodeRelated(json: RelatedJson): Related {
  return {
    run: json.run,
    tags: json.tags,
    variants: decodeRows(imageVariants, json.variants),
    critiques: decodeRows(critiques, json.critiques),
  };
}

/**
 * Rows of `table` from their JSON form, through each column's own driver mapping (timestamps become Dates as they
 * do when read as columns). JSON columns arrive already parsed and are taken as they are.
 */
function decodeRows<T extends Table>(table: T, rows: Record<string, unknown>[]): T["$inferSelect"][] {
  const columns = Object.entries(getTableColumns(table));
  return rows.map((json) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = json[key];
      const isJson = column.columnType === "PgJsonb" || column.columnType === "PgJson";
      row[key] =
        value === null || value === undefined || isJson ? (value ?? null) : column.mapFromDriverValue(value);
    }
    return row as T["$inferSelect"];
  });
}

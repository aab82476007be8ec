import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { images, imageVariants } from "@/db/schema";
import type { KeysetCursor } from "@/lib/images/keyset-cursor";
import type { GalleryQuery, GallerySort } from "./gallery-query";

export type PageWindow = {
  cursor: KeysetCursor | null;
  limit: number;
  /** "before" walks back from the cursor (review mode's ←); rows still come back in view order. */
  direction?: "after" | "before";
  /** Start at the cursor's own row (review mode resuming at an image). */
  inclusive?: boolean;
};

const thumb = alias(imageVariants, "thumb");
const preview = alias(imageVariants, "preview");

// Each sort is a keyset on (key, id) with an index in the same order: images_created_at_id_idx (newest;
// oldest scans it backwards) and images_score_sort_idx (score; unscored images count as 0 and come last).
// The ORDER BY spells out NULLS as each index was built (drizzle-kit writes DESC NULLS LAST; the score index
// has Postgres' default DESC NULLS FIRST): keys are never null, but the planner only uses an index whose
// NULLS order matches.
const isTimestamp = (key: string) => !Number.isNaN(Date.parse(key));

const SORTS: Record<
  GallerySort,
  {
    key: SQL;
    cast: SQL;
    isValidKey: (key: string) => boolean;
    descending: boolean;
    descendingNullsFirst: boolean;
  }
> = {
  newest: {
    key: sql`${images.createdAt}`,
    cast: sql`timestamptz`,
    isValidKey: isTimestamp,
    descending: true,
    descendingNullsFirst: false,
  },
  oldest: {
    key: sql`${images.createdAt}`,
    cast: sql`timestamptz`,
    isValidKey: isTimestamp,
    descending: false,
    descendingNullsFirst: false,
  },
  score: {
    key: sql`coalesce(${images.scoreAvg}, 0)`,
    cast: sql`real`,
    isValidKey: (key) => key.trim() !== "" && Number.isFinite(Number(key)),
    descending: true,
    descendingNullsFirst: true,
  },
};

/** Whether a cursor's key can be cast the way the sort casts it: a forged page link must be refused, not fail in SQL. */
export function isValidSortKey(sort: GallerySort, key: string): boolean {
  return SORTS[sort].isValidKey(key);
}

export function sortKeyOf(sort: GallerySort): SQL {
  return SORTS[sort].key;
}

/**
 * The one SQL statement behind a gallery page: the view's rows from the cursor on, each with its thumb and preview
 * object keys and its sort key as text. Callers run it (and the benchmark runs its bare SQL).
 */
export function selectGalleryPage(db: Queryable, query: GalleryQuery, where: SQL, window: PageWindow) {
  const sort = SORTS[query.sort];
  const backwards = window.direction === "before";
  const ascending = sort.descending === backwards;
  // Ascending is the index scanned backwards, so its NULLS order flips too.
  const nullsFirst = ascending !== sort.descendingNullsFirst;
  const direction = sql.raw(`${ascending ? "asc" : "desc"} nulls ${nullsFirst ? "first" : "last"}`);
  const order = (column: SQL | typeof images.id) => sql`${column} ${direction}`;
  const comparison = sql.raw(`${ascending ? ">" : "<"}${window.inclusive ? "=" : ""}`);
  const keyset = window.cursor
    ? sql`(${sort.key}, ${images.id}) ${comparison} (${window.cursor.key}::${sort.cast}, ${window.cursor.id}::uuid)`
    : undefined;
  return db
    .select({
      id: images.id,
      placeholder: images.placeholder,
      prompt: sql<string | null>`left(${images.prompt}, 300)`,
      width: images.width,
      height: images.height,
      model: images.model,
      seed: images.seed,
      reviewStatus: images.reviewStatus,
      scoreAvg: images.scoreAvg,
      objectKey: images.objectKey,
      thumbKey: thumb.objectKey,
      previewKey: preview.objectKey,
      sortKey: sql<string>`${sort.key}::text`,
    })
    .from(images)
    .leftJoin(thumb, and(eq(thumb.imageId, images.id), eq(thumb.name, "thumb")))
    .leftJoin(preview, and(eq(preview.imageId, images.id), eq(preview.name, "preview")))
    .where(keyset ? and(where, keyset) : where)
    .orderBy(order(sort.key), order(images.id))
    .limit(window.limit);
}

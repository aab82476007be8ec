import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { disagreementGap } from "@/lib/critics/disagreement";
import { images } from "@/lib/db/schema";
import { decodeKeysetCursor, type KeysetCursor } from "@/lib/pagination/keyset-cursor";
import type { ImageSelection, ImageSort } from "./image-filter";

export type PageWindow = {
  cursor: KeysetCursor | null;
  /** "before" walks back from the cursor (review mode's ←); callers put the rows back in view order. */
  direction?: "after" | "before";
  /** Start at the cursor's own row (review mode resuming at an image). */
  inclusive?: boolean;
};

// Each sort is a keyset on (key, id) with an index in the same order: images_created_at_id_idx (newest;
// oldest scans it backwards) and images_score_sort_idx (score; unscored images count as 0 and come last).
// The ORDER BY spells out NULLS as each index was built (drizzle-kit writes DESC NULLS LAST; the score index
// has Postgres' default DESC NULLS FIRST): keys are never null, but the planner only uses an index whose
// NULLS order matches.
const isTimestamp = (key: string) => !Number.isNaN(Date.parse(key));

/**
 * What a sort needs to know: its name, and for `gap` which critic's disagreement to measure and whether the
 * selection keeps disagreements only.
 */
export type ImageOrder = Pick<ImageSelection, "sort" | "critic" | "disagreement">;

// gap's key is a lookup of the kept gap (critic_gaps), which no index on images can order: its pages are walked
// through critic_gaps' own index (walk-gap-sort.ts, called by page-conditions.ts).
const SORTS: Record<
  ImageSort,
  {
    key: (order: ImageOrder) => SQL;
    cast: SQL;
    isValidKey: (key: string) => boolean;
    descending: boolean;
    descendingNullsFirst: boolean;
    /** An index on images walks this sort in order (the ones named above), so a plain WHERE reads a page off it. */
    hasIndex: boolean;
  }
> = {
  newest: {
    key: () => sql`${images.createdAt}`,
    cast: sql`timestamptz`,
    isValidKey: isTimestamp,
    descending: true,
    descendingNullsFirst: false,
    hasIndex: true,
  },
  oldest: {
    key: () => sql`${images.createdAt}`,
    cast: sql`timestamptz`,
    isValidKey: isTimestamp,
    descending: false,
    descendingNullsFirst: false,
    hasIndex: true,
  },
  score: {
    key: () => sql`coalesce(${images.scoreAvg}, 0)`,
    cast: sql`real`,
    isValidKey: (key) => key.trim() !== "" && Number.isFinite(Number(key)),
    descending: true,
    descendingNullsFirst: true,
    hasIndex: true,
  },
  gap: {
    key: (order) => disagreementGap({ critic: order.critic }),
    cast: sql`real`,
    isValidKey: (key) => key.trim() !== "" && Number.isFinite(Number(key)),
    descending: true,
    descendingNullsFirst: true,
    hasIndex: false,
  },
};

export function sortKeyOf(order: ImageOrder): SQL {
  return SORTS[order.sort].key(order);
}

/**
 * A page cursor read for a sort: null when there is none, "invalid" for anything a page of this sort did not
 * make, including a well-formed cursor whose key the sort cannot cast (refused here, not failed in SQL).
 */
export function readPageCursor(
  sort: ImageSort,
  cursor: string | null | undefined,
): KeysetCursor | null | "invalid" {
  if (!cursor) return null;
  const decoded = decodeKeysetCursor(cursor);
  return decoded && SORTS[sort].isValidKey(decoded.key) ? decoded : "invalid";
}

/**
 * The keyset page builder every list uses: the condition "after the cursor" (or before it), the ORDER BY that
 * walks the sort's index (`direction` is its ASC/DESC and NULLS, for ordering by the key under another name),
 * and the sort key as text for the next cursor. No OFFSET: a deep page costs what the first does.
 */
export function keysetPage(
  order: ImageOrder,
  window: PageWindow,
): {
  after: SQL | undefined;
  orderBy: SQL[];
  direction: SQL;
  sortKey: SQL<string>;
  hasIndex: boolean;
} {
  const spec = SORTS[order.sort];
  const key = spec.key(order);
  const ascending = spec.descending === (window.direction === "before");
  // Ascending is the index scanned backwards, so its NULLS order flips too.
  const nullsFirst = ascending !== spec.descendingNullsFirst;
  const direction = sql.raw(`${ascending ? "asc" : "desc"} nulls ${nullsFirst ? "first" : "last"}`);
  const comparison = sql.raw(`${ascending ? ">" : "<"}${window.inclusive ? "=" : ""}`);
  return {
    after: window.cursor
      ? sql`(${key}, ${images.id}) ${comparison} (${window.cursor.key}::${spec.cast}, ${window.cursor.id}::uuid)`
      : undefined,
    orderBy: [sql`${key} ${direction}`, sql`${images.id} ${direction}`],
    direction,
    sortKey: sql<string>`${key}::text`,
    hasIndex: spec.hasIndex,
  };
}

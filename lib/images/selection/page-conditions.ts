import "server-only";
import { and, type SQL, sql } from "drizzle-orm";
import { images } from "@/lib/db/schema";
import type { ImageConditionParts } from "./image-conditions";
import { type ImageOrder, keysetPage, type PageWindow, sortKeyOf } from "./keyset-page";
import { walkGapSort } from "./walk-gap-sort";

// A page of a prompt search has two good plans, and Postgres cannot tell which one it needs: how many prompts a
// search matches is a guess (a prefix `w:*` is a flat 2% unless the column's statistics hold 100 common words,
// and a prepared statement's generic plan does not see the words at all). Walking the sort's index and filtering
// is fast when most rows match and reads the whole table when few do; the GIN bitmap of all matches, sorted, is
// fast when few match and reads thousands of rows when most do. At 100,000 rows the guess cost 6–23 ms on the
// deep page of "light" (bitmap, 20% match) and 55–80 ms on the first page of "abc" (walk, 29 matches), where the
// other plan takes 1–2 ms (EXPLAIN ANALYZE on the bench:gallery rows).
// So a search page does not ask: it walks the next WALK_ROWS rows of the sort's index that the rest of the
// selection keeps and keeps their matches. If those fill the page, that is the page (a common word); if not,
// fewer than limit in WALK_ROWS rows match here, and the bitmap of the matches after the cursor, kept off the
// index by a materialized CTE, is small enough to sort. WALK_ROWS balances the two halves' worst cases: the walk
// costs about 1.7 µs a row, the bitmap about 2.5 µs a match.
const WALK_ROWS = 2000;

/**
 * The WHERE of one keyset page of a selection, `limit` rows read in the page's order: the selection after the
 * cursor when the planner can walk the sort's index on images; else membership in the page's ids, found by
 * walking the sort's own index (the gap sort), and for a prompt search as described above.
 */
export function pageConditions(input: {
  order: ImageOrder;
  conditions: ImageConditionParts;
  window: PageWindow;
  limit: number;
}): SQL {
  const page = keysetPage(input.order, input.window);
  const { rest, search } = input.conditions;
  const all = and(rest, search, page.after) ?? rest;
  const { limit } = input;
  if (!search) {
    return page.hasIndex
      ? all
      : sql`${images.id} = any(array(select id from (${walkRows(input, rest, limit)}) as walked))`;
  }
  const key = sortKeyOf(input.order);
  const byKey = sql`sort_key ${page.direction}, id ${page.direction}`;
  // The walk's inner query has no search in it, so nothing tempts the planner off the sort's index; it names the
  // key `sort_key` so the outer ORDER BY is seen to be the inner one (no sort, the walk stops at the page) and it
  // is aliased "images" so the search, written against the table, applies to it unchanged.
  return sql`${images.id} = any(array(
    with walked as materialized (
      select id from (${walkRows(input, rest, WALK_ROWS)}) as ${images}
      where ${search} order by ${byKey} limit ${limit}
    ), found as materialized (
      select ${images.id}, ${key} as sort_key from ${images} where ${all}
    )
    select id from walked where (select count(*) from walked) >= ${limit}
    union all
    (select id from found where (select count(*) from walked) < ${limit} order by ${byKey} limit ${limit})
  ))`;
}

/** The selection `where` from the cursor on, `limit` rows as `images.*` and `sort_key`, read in the sort's index order. */
function walkRows(input: { order: ImageOrder; window: PageWindow }, where: SQL, limit: number): SQL {
  if (input.order.sort === "gap") return walkGapSort(input.order, input.window, where, limit);
  const page = keysetPage(input.order, input.window);
  return sql`select *, ${sortKeyOf(input.order)} as sort_key from ${images}
    where ${and(where, page.after) ?? where}
    order by ${sql.join(page.orderBy, sql`, `)} limit ${limit}`;
}

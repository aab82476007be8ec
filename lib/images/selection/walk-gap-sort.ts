import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { criticGaps, images } from "@/lib/db/schema";
import type { ImageSelection } from "./image-filter";
import type { PageWindow } from "./keyset-page";

// The gap sort in index order. Its key (lib/critics/disagreement.ts disagreementGap) is the kept gap of an image a
// critique contradicts and -1 for the rest, so a page descends through two ranges, each with an index in its order:
// the disagreements, critic_gaps_critic_gap_idx (critic, gap desc, image_id desc) joined to their images; then the
// images without a gap row (key -1), images_pkey backwards. Each range reads at most `limit` rows from the cursor
// on; the few rows of both are put in order. A selection that asks for disagreement has no second range (its
// filter needs a gap row), and that range is left out, not walked to its end to find nothing.
const NO_GAP = -1;

/**
 * The next `limit` rows of the selection `where` in gap order after (or before) the window's cursor, as
 * `images.*` and `sort_key`, in page order.
 */
export function walkGapSort(
  order: Pick<ImageSelection, "critic" | "disagreement">,
  window: PageWindow,
  where: SQL,
  limit: number,
): SQL {
  const ascending = window.direction === "before";
  const comparison = sql.raw(`${ascending ? ">" : "<"}${window.inclusive ? "=" : ""}`);
  const critic = order.critic ?? "";
  const gapDirection = sql.raw(ascending ? "asc nulls first" : "desc nulls last");
  const cursor = window.cursor;
  const disagreeing = sql`(select ${images}.*, ${criticGaps.gap} as sort_key
    from ${criticGaps} join ${images} on ${images.id} = ${criticGaps.imageId}
    where ${criticGaps.critic} = ${critic} and ${where}
      ${cursor ? sql`and (${criticGaps.gap}, ${criticGaps.imageId}) ${comparison} (${cursor.key}::real, ${cursor.id}::uuid)` : sql``}
    order by ${criticGaps.gap} ${gapDirection}, ${criticGaps.imageId} ${gapDirection}
    limit ${limit})`;
  const ranges = [disagreeing];
  const rest = order.disagreement ? null : restAfter(window, comparison);
  if (rest) {
    ranges.push(sql`(select ${images}.*, ${NO_GAP}::real as sort_key from ${images}
      where ${where} and ${rest} and not exists (select 1 from ${criticGaps}
        where ${criticGaps.imageId} = ${images.id} and ${criticGaps.critic} = ${critic})
      order by ${images.id} ${sql.raw(ascending ? "asc" : "desc")}
      limit ${limit})`);
  }
  const direction = sql.raw(ascending ? "asc" : "desc");
  return sql`select * from (${sql.join(ranges, sql` union all `)}) as ranges
    order by sort_key ${direction}, id ${direction} limit ${limit}`;
}

/**
 * Which of the images without a gap row (key -1) come after the cursor: all of them when the cursor is above
 * -1 (walking down) or below it (walking up), those past its id when it is at -1, none when it is beyond them.
 */
function restAfter(window: PageWindow, comparison: SQL): SQL | null {
  if (!window.cursor) return sql`true`;
  const key = Number(window.cursor.key);
  if (key === NO_GAP) return sql`${images.id} ${comparison} ${window.cursor.id}::uuid`;
  const isRestAhead = window.direction === "before" ? key < NO_GAP : key > NO_GAP;
  return isRestAhead ? sql`true` : null;
}

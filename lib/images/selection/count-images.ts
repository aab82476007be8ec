import "server-only";
import { and, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import type { SelectionCount } from "./format-count";
import { imageConditions } from "./image-conditions";
import type { ImageFilter } from "./image-filter";

const COUNT_CAP = 10_000;

/**
 * How many images a selection matches, counted up to COUNT_CAP (then "10,000+"), so a broad filter never costs
 * a full scan. `undecidedByViewer` counts only what the viewer has not decided yet (review mode's "left"); `also`
 * narrows further (review mode's team progress: the images the rule has settled).
 */
export async function countImages(
  db: Queryable,
  input: { filter: ImageFilter; viewerId: string; undecidedByViewer?: boolean; also?: SQL },
): Promise<SelectionCount> {
  const conditions = imageConditions(input.filter, input);
  const where = input.also ? (and(conditions, input.also) ?? conditions) : conditions;
  const rows = await db.execute<{ count: number }>(
    sql`select count(*)::int as count from (select 1 from ${images}
      where ${where} limit ${COUNT_CAP + 1}) as matches`,
  );
  const count = rows[0]?.count ?? 0;
  return { count: Math.min(count, COUNT_CAP), capped: count > COUNT_CAP };
}

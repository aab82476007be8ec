import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { images } from "@/db/schema";
import type { GalleryCount } from "./format-count";
import { galleryConditions } from "./gallery-conditions";
import type { GalleryQuery } from "./gallery-query";

const COUNT_CAP = 10_000;

/**
 * How many images a view matches, counted up to COUNT_CAP (then "10,000+"), so a broad filter never costs a full
 * scan. `undecidedByViewer` counts only what the viewer has not decided yet (review mode's "left").
 */
export async function countGalleryImages(
  db: Queryable,
  input: { query: GalleryQuery; viewerId: string; undecidedByViewer?: boolean },
): Promise<GalleryCount> {
  const where = galleryConditions(input.query, input.viewerId, {
    undecidedByViewer: input.undecidedByViewer,
  });
  const rows = await db.execute<{ count: number }>(
    sql`select count(*)::int as count from (select 1 from ${images}
      where ${where} limit ${COUNT_CAP + 1}) as matches`,
  );
  const count = rows[0]?.count ?? 0;
  return { count: Math.min(count, COUNT_CAP), capped: count > COUNT_CAP };
}

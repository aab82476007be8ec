import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import type { StatsGroup } from "./stats-input";
import { wilsonInterval } from "./wilson-interval";

export type Grouping = {
  /** What rows are grouped by (text); null keys are "not set" and grouped as such. */
  key: SQL;
  /** The name shown for a group (an aggregate over its rows). */
  name: SQL;
  /** Extra FROM items after `images` (a join to runs, datasets…). */
  join?: SQL;
  /** Order of the groups: largest first unless given (weeks go by date). */
  orderBy?: SQL;
};

/** Live images matching `where`, counted and summed per group, with the human decisions in each. */
export async function groupImages(
  db: Queryable,
  where: SQL,
  grouping: Grouping,
  limit: number,
): Promise<StatsGroup[]> {
  const rows = await db.execute<{
    key: string | null;
    name: string | null;
    images: number;
    bytes: number;
    approved: number;
    rejected: number;
  }>(sql`select ${grouping.key} as key, ${grouping.name} as name, count(*)::int as images,
      coalesce(sum(${images.byteSize}), 0)::float8 as bytes,
      count(*) filter (where ${images.reviewStatus} = 'approved')::int as approved,
      count(*) filter (where ${images.reviewStatus} = 'rejected')::int as rejected
    from ${images} ${grouping.join ?? sql``}
    where ${where}
    group by 1
    order by ${grouping.orderBy ?? sql`count(*) desc, 1`}
    limit ${limit}`);
  return rows.map((row) => ({
    key: row.key ?? "",
    name: row.name ?? row.key ?? "(not set)",
    images: row.images,
    bytes: row.bytes,
    approved: row.approved,
    rejected: row.rejected,
    approval_rate: row.approved + row.rejected > 0 ? row.approved / (row.approved + row.rejected) : null,
    approval_interval: wilsonInterval(row.approved, row.approved + row.rejected),
  }));
}

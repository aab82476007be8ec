import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { images } from "@/db/schema";
import type { DayStats } from "./stats-input";

const day = sql`date_trunc('day', ${images.createdAt} at time zone 'UTC')`;

/**
 * Images created per UTC day over the last `days` days (days without images are left out), stacked by review
 * status, with the running total of bytes, which counts every matching image before the window too.
 */
export async function imagesByDay(db: Queryable, where: SQL, days: number): Promise<DayStats[]> {
  const rows = await db.execute<DayStats>(sql`select * from (
      select to_char(${day}, 'YYYY-MM-DD') as day, count(*)::int as images,
        coalesce(sum(${images.byteSize}), 0)::float8 as bytes,
        (sum(sum(${images.byteSize})) over (order by ${day}))::float8 as cumulative_bytes,
        count(*) filter (where ${images.reviewStatus} = 'approved')::int as approved,
        count(*) filter (where ${images.reviewStatus} = 'rejected')::int as rejected,
        count(*) filter (where ${images.reviewStatus} = 'skipped')::int as skipped,
        count(*) filter (where ${images.reviewStatus} = 'conflicting')::int as conflicting,
        count(*) filter (where ${images.reviewStatus} = 'unreviewed')::int as unreviewed
      from ${images} where ${where} group by ${day}) as daily
    where day > to_char(now() at time zone 'UTC' - make_interval(days => ${days}), 'YYYY-MM-DD')
    order by day`);
  return [...rows];
}

import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { REVIEW_STATUSES } from "@/lib/enums/image-enums";
import type { DayStats } from "./stats-input";

const day = sql`date_trunc('day', ${images.createdAt} at time zone 'UTC')`;
// One count per review status, each in a column named for it (DayStats).
const statusCounts = sql.join(
  REVIEW_STATUSES.map(
    (status) =>
      sql`count(*) filter (where ${images.reviewStatus} = ${status})::int as ${sql.identifier(status)}`,
  ),
  sql`, `,
);

/**
 * Images created per UTC day over the last `days` days (days without images are left out), stacked by review
 * status, with the running total of bytes, which counts every matching image before the window too.
 */
export async function imagesByDay(db: Queryable, where: SQL, days: number): Promise<DayStats[]> {
  const rows = await db.execute<DayStats>(sql`select * from (
      select to_char(${day}, 'YYYY-MM-DD') as day, count(*)::int as images,
        coalesce(sum(${images.byteSize}), 0)::float8 as bytes,
        (sum(sum(${images.byteSize})) over (order by ${day}))::float8 as cumulative_bytes, ${statusCounts}
      from ${images} where ${where} group by ${day}) as daily
    where day > to_char(now() at time zone 'UTC' - make_interval(days => ${days}), 'YYYY-MM-DD')
    order by day`);
  return [...rows];
}

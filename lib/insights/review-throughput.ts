import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images, reviewEvents, users } from "@/lib/db/schema";

/**
 * Decisions recorded per reviewer and UTC day over the last `days` days, on the matching images: every
 * approve / reject / skip a reviewer made (a changed mind counts twice: it is work done), undos excluded.
 */
export async function reviewThroughput(
  db: Queryable,
  where: SQL,
  days: number,
): Promise<{ reviewer: string; day: string; decisions: number }[]> {
  const eventDay = sql`to_char(date_trunc('day', ${reviewEvents.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const rows = await db.execute<{ reviewer: string; day: string; decisions: number }>(sql`
    select coalesce(${users.name}, ${users.email}) as reviewer, ${eventDay} as day, count(*)::int as decisions
    from ${reviewEvents}
      join ${images} on ${images.id} = ${reviewEvents.imageId}
      join ${users} on ${users.id} = ${reviewEvents.reviewerId}
    where ${reviewEvents.action} = 'decide' and ${reviewEvents.decision} is not null
      and ${reviewEvents.createdAt} > now() - make_interval(days => ${days})
      and ${where}
    group by 1, 2
    order by 2, 1`);
  return [...rows];
}

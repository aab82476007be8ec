import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { images } from "@/lib/db/schema";
import { ASPECT_BUCKETS, aspectRatioOf, SHORT_SIDE_BUCKETS } from "./size-buckets";

// Literals, not parameters: a query groups by these expressions, and two parameters are never "the same" expression.
const literal = (label: string) => sql.raw(`'${label.replaceAll("'", "''")}'`);

/** The image's aspect bucket: the nearest ratio (the cut between two neighbours is their geometric mean). */
export const aspectBucketSql: SQL<string> = (() => {
  const ratio = sql`(${images.width}::float8 / ${images.height})`;
  const cases = ASPECT_BUCKETS.slice(0, -1).map((bucket, index) => {
    const next = ASPECT_BUCKETS[index + 1] ?? bucket;
    const cut = Math.sqrt(aspectRatioOf(bucket) * aspectRatioOf(next));
    return sql`when ${ratio} < ${sql.raw(String(cut))} then ${literal(bucket)}`;
  });
  return sql<string>`(case ${sql.join(cases, sql` `)} else ${literal(ASPECT_BUCKETS.at(-1) ?? "")} end)`;
})();

export const shortSideSql = sql<number>`least(${images.width}, ${images.height})`;

/** The resolution bucket's label by the shorter side. */
export const shortSideBucketSql: SQL<string> = sql<string>`(case ${sql.join(
  SHORT_SIDE_BUCKETS.filter((bucket) => bucket.to !== null).map(
    (bucket) => sql`when ${shortSideSql} < ${sql.raw(String(bucket.to))} then ${literal(bucket.label)}`,
  ),
  sql` `,
)} else ${literal(SHORT_SIDE_BUCKETS.at(-1)?.label ?? "")} end)`;

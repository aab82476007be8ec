import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { critiques, images } from "@/db/schema";
import { criticVerdict, humanVerdict } from "@/lib/critics/critic-sql";
import { checkViewerFor, imageConditions } from "@/lib/images/selection/image-conditions";
import { ok, type Result } from "@/lib/result";
import type { Experiment, ExperimentQuery, ExperimentRow } from "./experiment-input";
import { EXPERIMENT_SQL } from "./experiment-parameters";
import { wilsonInterval } from "./wilson-interval";

type Row = {
  value: string;
  label: string | null;
  images: number;
  approved: number;
  rejected: number;
  mean_score: number | null;
  scored: number;
  agree: number;
  compared: number;
};

/**
 * Per value of one generation parameter, over the live images a selection filter matches: count, approval rate
 * with its Wilson 95% interval, mean human score and critic agreement. The `limit` most used values are kept and
 * ordered by the interval's lower bound, so a value must be approved often *and* often enough to lead: 3 of 3
 * (0.44–1) ranks below 80 of 100 (0.71–0.87). Images without the parameter are left out.
 */
export async function runExperiment(db: Queryable, query: ExperimentQuery): Promise<Result<Experiment>> {
  const checked = checkViewerFor(query, null);
  if (!checked.ok) return checked;
  const parameter = EXPERIMENT_SQL[query.parameter];
  // Each row links to the query's own filter narrowed to its value.
  const base = Object.fromEntries(
    Object.entries(query).filter(
      ([field, value]) => field !== "parameter" && field !== "limit" && value !== undefined,
    ),
  ) as Record<string, string | number>;
  const where = imageConditions(query, { viewerId: null });
  const rows = await db.execute<Row>(sql`
    select ${parameter.value} as value, ${parameter.label} as label, count(*)::int as images,
      count(*) filter (where ${images.reviewStatus} = 'approved')::int as approved,
      count(*) filter (where ${images.reviewStatus} = 'rejected')::int as rejected,
      avg(${images.scoreAvg})::float8 as mean_score, count(${images.scoreAvg})::int as scored,
      coalesce(sum(agreement.agree), 0)::int as agree, coalesce(sum(agreement.compared), 0)::int as compared
    from ${images} ${parameter.join ?? sql``}
      left join lateral (
        select count(*) filter (where ${criticVerdict} = ${humanVerdict}) as agree,
          count(*) filter (where ${criticVerdict} is not null and ${humanVerdict} is not null) as compared
        from ${critiques}
        where ${critiques.imageId} = ${images.id} and ${critiques.isCurrent}
          ${query.critic ? sql`and ${critiques.critic} = ${query.critic}` : sql``}
      ) as agreement on true
    where ${where} and ${parameter.value} is not null
    group by 1
    order by count(*) desc, 1
    limit ${query.limit}`);
  const results: ExperimentRow[] = rows.map((row) => {
    const decided = row.approved + row.rejected;
    return {
      value: row.value,
      label: row.label ?? row.value,
      images: row.images,
      approved: row.approved,
      rejected: row.rejected,
      approval_rate: decided > 0 ? row.approved / decided : null,
      approval_interval: wilsonInterval(row.approved, decided),
      mean_score: row.mean_score,
      scored: row.scored,
      critic_agreement: row.compared > 0 ? row.agree / row.compared : null,
      critiques_compared: row.compared,
      filter: { ...base, ...parameter.filterOf(row.value) },
    };
  });
  results.sort(
    (a, b) =>
      (b.approval_interval?.low ?? -1) - (a.approval_interval?.low ?? -1) ||
      b.images - a.images ||
      a.value.localeCompare(b.value),
  );
  return ok({ parameter: query.parameter, rows: results });
}

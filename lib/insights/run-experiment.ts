import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { criticVerdictsAgainst, joinedThreshold } from "@/lib/critics/disagreement";
import type { Queryable } from "@/lib/db/client";
import { criticSettings, critiques, images } from "@/lib/db/schema";
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
export async function runExperiment(
  db: Queryable,
  query: ExperimentQuery,
  viewerId: string | null = null,
): Promise<Result<Experiment>> {
  const checked = checkViewerFor(query, viewerId);
  if (!checked.ok) return checked;
  const parameter = EXPERIMENT_SQL[query.parameter];
  // Each row links to the query's own filter narrowed to its value.
  const base = Object.fromEntries(
    Object.entries(query).filter(
      ([field, value]) => field !== "parameter" && field !== "limit" && value !== undefined,
    ),
  ) as Record<string, string | number>;
  const where = imageConditions(query, { viewerId });
  const selected = {
    from: sql`${images} ${parameter.join ?? sql``}`,
    where: sql`${where} and ${parameter.value} is not null`,
  };
  // The images' counts and the critiques' agreement are two aggregates joined on the value: each reads its rows in
  // whatever order the planner likes (a scan and a hash at a million images), never a critique lookup per image.
  const rows = await db.execute<Row>(sql`
    select counts.*, coalesce(agreement.agree, 0)::int as agree, coalesce(agreement.compared, 0)::int as compared
    from (
      select ${parameter.value} as value, ${parameter.label} as label, count(*)::int as images,
        count(*) filter (where ${images.reviewStatus} = 'approved')::int as approved,
        count(*) filter (where ${images.reviewStatus} = 'rejected')::int as rejected,
        avg(${images.scoreAvg})::float8 as mean_score, count(${images.scoreAvg})::int as scored
      from ${selected.from} where ${selected.where}
      group by 1
    ) as counts
    left join (${agreementByValue(parameter.value, selected, query.critic)}) as agreement using (value)
    order by counts.images desc, counts.value
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

/**
 * Per value, the current critiques (of one critic when named) on its approved and rejected images: `compared` those
 * with a verdict, `agree` those whose verdict is the humans'. Thresholds are joined once, not looked up per row.
 */
function agreementByValue(value: SQL, selected: { from: SQL; where: SQL }, critic: string | undefined): SQL {
  const verdict = criticVerdictsAgainst(joinedThreshold);
  return sql`select ${value} as value,
      count(*) filter (where case ${images.reviewStatus} when 'approved' then ${verdict.approves}
        else ${verdict.rejects} end) as agree,
      count(*) filter (where ${verdict.approves} or ${verdict.rejects}) as compared
    from ${selected.from}
      join ${critiques} on ${critiques.imageId} = ${images.id} and ${critiques.isCurrent}
        ${critic ? sql`and ${critiques.critic} = ${critic}` : sql``}
      left join ${criticSettings} on ${criticSettings.critic} = ${critiques.critic}
    where ${selected.where} and ${images.reviewStatus} in ('approved', 'rejected')
    group by 1`;
}

import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import {
  type CleanupPolicy,
  groupColumn,
  isDueForCleanup,
  PROTECTIONS,
  type Protection,
  protectionColumns,
} from "./cleanup-policy";

/** Why the policy looks at an image: rejected or deleted before the cutoff, made before it, or past the newest N. */
export type PolicyReason = "rejected" | "deleted" | "old" | "beyond_newest";

type PolicyImage = {
  id: string;
  sha256: string;
  model: string | null;
  created_at: string;
  reason: PolicyReason;
  would_remove: boolean;
  /** What keeps it (empty when it would be removed). */
  protected_by: string[];
};

export type PolicyImages = { would_remove: number; protected: number; items: PolicyImage[] };

type Row = {
  id: string;
  sha256: string;
  model: string | null;
  created_at: Date | string;
  reason: PolicyReason;
  would_remove_total: number;
  total: number;
} & Record<Protection, boolean>;

const NAMES = Object.keys(PROTECTIONS) as Protection[];

/**
 * The images a policy looks at, oldest first, each with what protects it, and the totals over all of them.
 * `removableOnly` lists just those nothing protects (what cleanup then purges, each re-checked where it acts).
 * One statement: the window functions rank keep_newest's groups in a single pass over the live images.
 */
export async function listPolicyImages(
  db: Queryable,
  policy: CleanupPolicy,
  options: { limit: number | null; removableOnly: boolean },
): Promise<PolicyImages> {
  const columns = protectionColumns(sql`scope.posted_since`);
  const protectedBy = sql.join(
    NAMES.map((name) => sql`${columns[name]} as ${sql.identifier(name)}`),
    sql`, `,
  );
  const anyProtection = sql.join(
    NAMES.map((name) => sql.identifier(name)),
    sql` or `,
  );
  const rows = await db.execute<Row>(sql`with scope as (${policyScope(policy)}),
    looked_at as (
      select ${images.id} as id, ${images.sha256} as sha256, ${images.model} as model,
        ${images.createdAt} as created_at, scope.reason as reason, ${protectedBy}
      from scope join ${images} on ${images.id} = scope.id),
    counted as (
      select *, count(*) filter (where not (${anyProtection})) over ()::int as would_remove_total,
        count(*) over ()::int as total
      from looked_at)
    select * from counted ${options.removableOnly ? sql`where not (${anyProtection})` : sql``}
    order by created_at, id ${options.limit === null ? sql`` : sql`limit ${options.limit}`}`);
  const items = rows.map((row) => {
    const reasons = NAMES.filter((name) => row[name]).map((name) => PROTECTIONS[name]);
    return {
      id: row.id,
      sha256: row.sha256,
      model: row.model,
      created_at: new Date(row.created_at).toISOString(),
      reason: row.reason,
      would_remove: reasons.length === 0,
      protected_by: reasons,
    };
  });
  const [first] = rows;
  return {
    would_remove: first?.would_remove_total ?? 0,
    protected: first ? first.total - first.would_remove_total : 0,
    items,
  };
}

/** `(id, reason, posted_since)` for every image the policy looks at, before protections. */
function policyScope(policy: CleanupPolicy): SQL {
  if (policy.kind === "keep_newest") {
    // nth_value over the whole partition: the created_at of the oldest image the policy keeps in the group.
    return sql`select ranked.id, 'beyond_newest' as reason, ranked.oldest_kept as posted_since from (
        select ${images.id} as id, row_number() over newest as rank,
          nth_value(${images.createdAt}, ${policy.keep}::int)
            over (newest rows between unbounded preceding and unbounded following) as oldest_kept
        from ${images} where ${images.deletedAt} is null
        window newest as (partition by ${groupColumn(policy.per)} order by ${images.createdAt} desc, ${images.id} desc)
      ) ranked where ranked.rank > ${policy.keep}`;
  }
  const cutoff = sql`${policy.cutoff.toISOString()}::timestamptz`;
  if (policy.kind === "older_than") {
    return sql`select ${images.id} as id, 'old' as reason, ${cutoff} as posted_since from ${images}
      where ${images.modelKey} = ${policy.modelKey} and ${images.createdAt} < ${cutoff}`;
  }
  return sql`select ${images.id} as id,
      case when ${images.deletedAt} < ${cutoff} then 'deleted' else 'rejected' end as reason,
      ${cutoff} as posted_since
    from ${images} where ${isDueForCleanup(policy.cutoff)}`;
}

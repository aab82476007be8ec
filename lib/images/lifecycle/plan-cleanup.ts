import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { datasetImages, datasetVersionImages, images } from "@/db/schema";
import { isDueForCleanup } from "./cleanup-policy";
import { AGE_FORMAT, parseAge } from "./parse-age";

export const planCleanupSchema = z
  .object({
    older_than: z
      .string()
      .max(40)
      .refine((text) => parseAge(text) !== null, `older_than: ${AGE_FORMAT}`)
      .describe("The policy's age: images rejected, or deleted, longer ago than this (30d, 12h, 2w)"),
    limit: z.number().int().min(1).max(500).default(100).describe("Images listed (the totals count all)"),
  })
  .strict();
export type PlanCleanupInput = z.input<typeof planCleanupSchema>;

type CleanupPlanItem = {
  id: string;
  sha256: string;
  /** Why the policy looks at it: rejected before the cutoff, or in the trash since before it. */
  reason: "rejected" | "deleted";
  would_remove: boolean;
  /** What keeps it (empty when it would be removed). */
  protected_by: string[];
};
export type CleanupPlan = {
  cutoff: string;
  would_remove: number;
  protected: number;
  items: CleanupPlanItem[];
};

/**
 * What `cli cleanup --rejected-older-than <age>` would remove and why each image the policy looks at is, or is
 * not, protected (approved, in a dataset, in a frozen version, posted again since the cutoff): the same conditions
 * as cleanupImages, read only. Nothing is removed; the MCP `plan_cleanup` tool is this and nothing more.
 */
export async function planCleanup(
  db: Queryable,
  input: PlanCleanupInput,
  now = new Date(),
): Promise<CleanupPlan> {
  const options = planCleanupSchema.parse(input);
  const cutoff = new Date(now.getTime() - (parseAge(options.older_than) ?? 0));
  const at = sql`${cutoff.toISOString()}::timestamptz`;
  const rows = await db.execute<{
    id: string;
    sha256: string;
    deleted: boolean;
    approved: boolean;
    in_dataset: boolean;
    in_version: boolean;
    posted_since: boolean;
    would_remove_total: number;
    total: number;
  }>(sql`with looked_at as (
      select ${images.id} as id, ${images.sha256} as sha256, ${images.createdAt} as created_at,
        ${images.deletedAt} is not null and ${images.deletedAt} < ${at} as deleted,
        ${images.reviewStatus} = 'approved' as approved,
        exists (select 1 from ${datasetImages} where ${datasetImages.imageId} = ${images.id}) as in_dataset,
        exists (select 1 from ${datasetVersionImages} where ${datasetVersionImages.imageId} = ${images.id})
          as in_version,
        ${images.lastPostedAt} >= ${at} as posted_since
      from ${images}
      where ${isDueForCleanup(cutoff)})
    select *, count(*) filter (where not (approved or in_dataset or in_version or posted_since)) over ()::int
        as would_remove_total, count(*) over ()::int as total
    from looked_at order by created_at, id limit ${options.limit}`);
  const items = rows.map((row) => {
    const protectedBy = [
      row.approved ? "it is approved" : null,
      row.in_dataset ? "it is in a dataset" : null,
      row.in_version ? "it is in a frozen dataset version" : null,
      row.posted_since ? "it was posted again after the cutoff" : null,
    ].filter((reason): reason is string => reason !== null);
    return {
      id: row.id,
      sha256: row.sha256,
      reason: row.deleted ? ("deleted" as const) : ("rejected" as const),
      would_remove: protectedBy.length === 0,
      protected_by: protectedBy,
    };
  });
  const [first] = rows;
  return {
    cutoff: cutoff.toISOString(),
    would_remove: first?.would_remove_total ?? 0,
    protected: first ? first.total - first.would_remove_total : 0,
    items,
  };
}

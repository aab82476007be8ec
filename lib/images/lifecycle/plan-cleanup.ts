import "server-only";
import { z } from "zod";
import type { Queryable } from "@/lib/db/client";
import { type CleanupPolicy, cleanupPolicySchemaWith, resolveCleanupPolicy } from "./cleanup-policy";
import { listPolicyImages, type PolicyImages } from "./list-policy-images";

export const planCleanupSchema = cleanupPolicySchemaWith({
  limit: z.number().int().min(1).max(500).default(100).describe("Images listed (the totals count all)"),
});
export type PlanCleanupInput = z.input<typeof planCleanupSchema>;

export type CleanupPlan = PolicyImages & {
  policy: CleanupPolicy["kind"];
  /** The policy's age line, for the policies that have one. */
  cutoff: string | null;
};

/**
 * What a cleanup policy would remove and why each other image it looks at is protected (approved, approved by a
 * reviewer, in a dataset or a frozen version, posted again): the same query as cleanupImages, read only. Nothing
 * is removed; the MCP `plan_cleanup` tool, the admin page and `cli cleanup --dry-run` show this.
 */
export async function planCleanup(
  db: Queryable,
  input: PlanCleanupInput,
  now = new Date(),
): Promise<CleanupPlan> {
  const { limit, ...policyInput } = planCleanupSchema.parse(input);
  const policy = resolveCleanupPolicy(policyInput, now);
  const listed = await listPolicyImages(db, policy, { limit, removableOnly: false });
  return { policy: policy.kind, cutoff: "cutoff" in policy ? policy.cutoff.toISOString() : null, ...listed };
}

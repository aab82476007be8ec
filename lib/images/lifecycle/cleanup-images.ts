import "server-only";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { Storage } from "@/lib/storage/storage";
import { cleanupPolicySchema, resolveCleanupPolicy } from "./cleanup-policy";
import { listPolicyImages, type PolicyReason } from "./list-policy-images";
import { purgeImage } from "./purge-image";

const cleanupImagesSchema = z.object({
  policy: cleanupPolicySchema,
  dryRun: z.boolean().default(false),
  now: z.date().optional(),
});
export type CleanupImagesInput = z.input<typeof cleanupImagesSchema>;

type Candidate = { id: string; sha256: string; reason: PolicyReason };
export type CleanupReport = {
  dry_run: boolean;
  cutoff: string | null;
  candidates: Candidate[];
  purged: number;
  failed: { id: string; reason: string }[];
};

/**
 * Purges what a cleanup policy selects (cleanup-policy.ts): never a protected image (approved, approved by a
 * reviewer, in a dataset or a frozen version, posted again). The selection is only a list: purgeImage checks
 * each image again after taking its row lock (still due under the policy, still unprotected), so a decision,
 * undo, restore or dataset addition that lands after the selection keeps the image.
 * `dryRun` lists what would go and changes nothing.
 */
export async function cleanupImages(
  deps: { db: Database; storage: Storage },
  input: CleanupImagesInput,
): Promise<CleanupReport> {
  const options = cleanupImagesSchema.parse(input);
  const policy = resolveCleanupPolicy(options.policy, options.now ?? new Date());
  const listed = await listPolicyImages(deps.db, policy, { limit: null, removableOnly: true });
  const report: CleanupReport = {
    dry_run: options.dryRun,
    cutoff: "cutoff" in policy ? policy.cutoff.toISOString() : null,
    candidates: listed.items.map(({ id, sha256, reason }) => ({ id, sha256, reason })),
    purged: 0,
    failed: [],
  };
  if (options.dryRun) return report;
  for (const candidate of report.candidates) {
    // No person or key acts here: an operator ran a policy; the audit event has no actor.
    // Images a policy removes are purged without a soft delete first.
    const purged = await purgeImage(deps, candidate.id, {}, { policy });
    if (purged.ok) report.purged += 1;
    else report.failed.push({ id: candidate.id, reason: purged.error.message });
  }
  return report;
}

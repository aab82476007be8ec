import type { ReviewStatus } from "@/lib/enums/image-enums";

/** How many approves (or rejects) an image needs before its status is decided; admins change it. */
export type ReviewRule = { approvalsRequired: number; rejectionsRequired: number };

export const DEFAULT_REVIEW_RULE: ReviewRule = { approvalsRequired: 1, rejectionsRequired: 1 };

export type DecisionCounts = { approves: number; rejects: number; skips: number };

/**
 * The one consensus rule. Approves and rejects together are a conflict whatever the thresholds; an approve
 * (or reject) short of its threshold leaves the image unreviewed, waiting for more reviewers; only skips → skipped.
 */
export function deriveReviewStatus(counts: DecisionCounts, rule: ReviewRule): ReviewStatus {
  if (counts.approves > 0 && counts.rejects > 0) return "conflicting";
  if (counts.approves > 0) return counts.approves >= rule.approvalsRequired ? "approved" : "unreviewed";
  if (counts.rejects > 0) return counts.rejects >= rule.rejectionsRequired ? "rejected" : "unreviewed";
  return counts.skips > 0 ? "skipped" : "unreviewed";
}

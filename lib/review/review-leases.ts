import type { ReviewStatus } from "@/lib/enums/image-enums";
import type { ImageSelection } from "@/lib/images/selection/image-filter";
import type { ReviewRule } from "./review-rule";

// How review mode hands out work (Label Studio's task distribution): each reviewer holds a small batch of leased
// images; an image goes to as many reviewers at once as the consensus rule can need, and no more.

/** Images a reviewer holds in one view: review mode tops their batch up to this many as they decide. */
export const LEASE_BATCH = 10;

/**
 * A lease lapses this long after its reviewer's last decision or batch (each renews all their leases): a reviewer
 * who walked away gets their images back if they return in time; after that the images go to whoever asks next.
 */
export const LEASE_MINUTES = 10;

/**
 * How many reviews the rule can need for one image: the larger threshold (approvals, rejections). Approves and
 * rejects hold these places; skips do not (a skip hands the image on), and a decided image is handed out no more.
 */
export function reviewsWanted(rule: ReviewRule): number {
  return Math.max(rule.approvalsRequired, rule.rejectionsRequired);
}

/** The statuses the rule has settled: such an image needs no more reviews (the team's progress counts them). */
export const SETTLED_STATUSES = [
  "approved",
  "rejected",
  "conflicting",
] as const satisfies readonly ReviewStatus[];

export function isSettledStatus(status: ReviewStatus): boolean {
  return (SETTLED_STATUSES as readonly ReviewStatus[]).includes(status);
}

/**
 * Whether review mode hands this view out in leases. A view of images the rule has already decided (status
 * approved, rejected or conflicting: an audit, or resolving conflicts) needs no more reviews, so every reviewer
 * walks all of it, as the gallery's viewer does; any other view (with any other filter) is shared out.
 */
export function isLeasedView(selection: Pick<ImageSelection, "status">): boolean {
  return !(selection.status && selection.status !== "unreviewed_me" && isSettledStatus(selection.status));
}

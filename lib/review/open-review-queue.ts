import "server-only";
import type { Database } from "@/lib/db/client";
import { countImages } from "@/lib/images/selection/count-images";
import type { SelectionCount } from "@/lib/images/selection/format-count";
import type { ImageSelection } from "@/lib/images/selection/image-filter";
import { ok, type Result } from "@/lib/result";
import type { Storage } from "@/lib/storage/storage";
import { claimReviewLeases } from "./claim-review-leases";
import { countTeamProgress } from "./count-team-progress";
import { listLeasedItems, listRecentlyDecidedItems } from "./list-leased-items";
import { listMyReviews } from "./list-my-reviews";
import { LEASE_CURSOR } from "./load-review-queue";
import { openReviewSession, type ReviewSession } from "./open-review-session";
import { isLeasedView, LEASE_BATCH } from "./review-leases";

/** Review mode's start: the session, and for a leased view the team's progress (null: the view is walked whole). */
export type ReviewQueue = ReviewSession & { team: SelectionCount | null };

const LOOK_BACK = 10;

/**
 * Opens review mode on a view. A leased view (lib/review/review-leases.ts) shows the reviewer's last decisions in
 * it, then the images leased to them, topped up to LEASE_BATCH: a reviewer who comes back while their leases live
 * gets the same images, later new ones. It opens at `at` when that is one of these (a reload resumes there), else at
 * the first leased image, else at the start. Any other view opens as the gallery's viewer does (openReviewSession).
 */
export async function openReviewQueue(
  deps: { db: Database; storage: Storage },
  input: { query: ImageSelection; reviewerId: string; at?: string },
): Promise<Result<ReviewQueue>> {
  if (!isLeasedView(input.query)) {
    const session = await openReviewSession(deps, input);
    return session.ok ? ok({ ...session.value, team: null }) : session;
  }
  const { query, reviewerId } = input;
  const held = await listLeasedItems(deps, { query, reviewerId });
  if (!held.ok) return held;
  const claimed = await claimReviewLeases(deps.db, {
    selection: query,
    reviewerId,
    want: LEASE_BATCH - held.value.length,
  });
  const [leased, recent] = await Promise.all([
    claimed.length > 0 ? listLeasedItems(deps, { query, reviewerId }) : held,
    listRecentlyDecidedItems(deps, { query, reviewerId, limit: LOOK_BACK }),
  ]);
  if (!leased.ok) return leased;
  if (!recent.ok) return recent;
  const items = [...recent.value, ...leased.value];
  const [reviews, total, left, team] = await Promise.all([
    listMyReviews(
      deps.db,
      reviewerId,
      items.map((item) => item.id),
    ),
    countImages(deps.db, { filter: query, viewerId: reviewerId }),
    countImages(deps.db, { filter: query, viewerId: reviewerId, undecidedByViewer: true }),
    countTeamProgress(deps.db, { query, reviewerId }),
  ]);
  const at = items.findIndex((item) => item.id === input.at);
  const start = at >= 0 ? at : leased.value.length > 0 ? recent.value.length : 0;
  return ok({
    before: { items: items.slice(0, start), reviews, cursor: null },
    after: { items: items.slice(start), reviews, cursor: LEASE_CURSOR },
    total,
    left,
    team,
  });
}

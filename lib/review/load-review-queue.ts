import "server-only";
import type { Database } from "@/lib/db/client";
import type { ImageSelection } from "@/lib/images/selection/image-filter";
import { ok, type Result } from "@/lib/result";
import type { Storage } from "@/lib/storage/storage";
import { claimReviewLeases } from "./claim-review-leases";
import { countTeamProgress } from "./count-team-progress";
import { listLeasedItems } from "./list-leased-items";
import { listMyReviews } from "./list-my-reviews";
import { listReviewItems, type ReviewBatch } from "./list-review-items";
import { isLeasedView, LEASE_BATCH } from "./review-leases";

/** A leased queue's cursor forward: not a place in the view but "hand me more" (a claim finds its own images). */
export const LEASE_CURSOR = "lease";

/**
 * The next batch of review mode's queue. A leased view (lib/review/review-leases.ts) hands the reviewer more images
 * (half a batch, asked for as they near the end of what they hold) with the team's progress; its look-back is
 * what review mode opened with. Any other view walks on from the cursor, as the gallery's viewer does.
 */
export async function loadReviewQueue(
  deps: { db: Database; storage: Storage },
  input: { query: ImageSelection; reviewerId: string; cursor: string; direction: "after" | "before" },
): Promise<Result<ReviewBatch>> {
  const { query, reviewerId } = input;
  if (!isLeasedView(query)) return listReviewItems(deps, input);
  if (input.direction === "before") return ok({ items: [], reviews: {}, cursor: null });
  const claimed = await claimReviewLeases(deps.db, { selection: query, reviewerId, want: LEASE_BATCH / 2 });
  const [items, reviews, team] = await Promise.all([
    listLeasedItems(deps, { query, reviewerId, ids: claimed }),
    listMyReviews(deps.db, reviewerId, claimed),
    countTeamProgress(deps.db, { query, reviewerId }),
  ]);
  if (!items.ok) return items;
  return ok({ items: items.value, reviews, cursor: LEASE_CURSOR, team });
}

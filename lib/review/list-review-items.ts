import "server-only";
import type { Database } from "@/lib/db/client";
import type { SelectionCount } from "@/lib/images/selection/format-count";
import type { ImageSelection } from "@/lib/images/selection/image-filter";
import { type ImageTile, listImageTiles } from "@/lib/images/selection/list-image-tiles";
import { ok, type Result } from "@/lib/result";
import type { Storage } from "@/lib/storage/storage";
import { listMyReviews } from "./list-my-reviews";
import type { ReviewState } from "./review-state";

export type ReviewBatch = {
  items: ImageTile[];
  reviews: Record<string, ReviewState>;
  cursor: string | null;
  /** A leased queue's batch: the team's progress through the view, fresh (lib/review/count-team-progress.ts). */
  team?: SelectionCount;
};

const REVIEW_BATCH_SIZE = 30;

/** A batch of review mode's queue (preview URLs) with the reviewer's own state for each image. */
export async function listReviewItems(
  deps: { db: Database; storage: Storage },
  input: {
    query: ImageSelection;
    reviewerId: string;
    cursor: string | null;
    direction?: "after" | "before";
    inclusive?: boolean;
    limit?: number;
  },
): Promise<Result<ReviewBatch>> {
  const page = await listImageTiles(deps, {
    selection: input.query,
    viewerId: input.reviewerId,
    cursor: input.cursor,
    direction: input.direction,
    inclusive: input.inclusive,
    limit: input.limit ?? REVIEW_BATCH_SIZE,
    variant: "preview",
  });
  if (!page.ok) return page;
  const reviews = await listMyReviews(
    deps.db,
    input.reviewerId,
    page.value.items.map((item) => item.id),
  );
  return ok({ items: page.value.items, reviews, cursor: page.value.nextCursor });
}

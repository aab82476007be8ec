import "server-only";
import type { Database } from "@/lib/db/client";
import { countImages } from "@/lib/images/selection/count-images";
import { findImageCursor } from "@/lib/images/selection/find-image-cursor";
import type { SelectionCount } from "@/lib/images/selection/format-count";
import type { ImageSelection } from "@/lib/images/selection/image-filter";
import { listImageTiles } from "@/lib/images/selection/list-image-tiles";
import { ok, type Result } from "@/lib/result";
import type { Storage } from "@/lib/storage/storage";
import { listReviewItems, type ReviewBatch } from "./list-review-items";

export type ReviewSession = {
  before: ReviewBatch;
  after: ReviewBatch;
  total: SelectionCount;
  left: SelectionCount;
};

const LOOK_BACK = 10;

/**
 * Where review mode opens: at `at` when given (a reload resumes there), else at the first image of the view the
 * reviewer has not decided yet, else at the start. Loads a batch forward from there and a few images back.
 */
export async function openReviewSession(
  deps: { db: Database; storage: Storage },
  input: { query: ImageSelection; reviewerId: string; at?: string },
): Promise<Result<ReviewSession>> {
  const { query, reviewerId } = input;
  let start = input.at ? await findImageCursor(deps.db, query, input.at) : null;
  if (!start) {
    const firstOpen = await listImageTiles(deps, {
      selection: query,
      viewerId: reviewerId,
      limit: 1,
      undecidedByViewer: true,
    });
    const first = firstOpen.ok ? firstOpen.value.items[0] : undefined;
    start = first ? await findImageCursor(deps.db, query, first.id) : null;
  }
  const [after, before, total, left] = await Promise.all([
    listReviewItems(deps, { query, reviewerId, cursor: start, inclusive: true }),
    start
      ? listReviewItems(deps, { query, reviewerId, cursor: start, direction: "before", limit: LOOK_BACK })
      : Promise.resolve(ok({ items: [], reviews: {}, cursor: null })),
    countImages(deps.db, { filter: query, viewerId: reviewerId }),
    countImages(deps.db, { filter: query, viewerId: reviewerId, undecidedByViewer: true }),
  ]);
  if (!after.ok) return after;
  if (!before.ok) return before;
  return ok({ before: before.value, after: after.value, total, left });
}

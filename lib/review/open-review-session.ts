import "server-only";
import type { Database } from "@/db/client";
import { countGalleryImages } from "@/lib/gallery/count-gallery-images";
import { findGalleryCursor } from "@/lib/gallery/find-gallery-cursor";
import type { GalleryCount } from "@/lib/gallery/format-count";
import type { GalleryQuery } from "@/lib/gallery/gallery-query";
import { listGalleryPage } from "@/lib/gallery/list-gallery-page";
import { ok, type Result } from "@/lib/http/errors";
import type { Storage } from "@/lib/storage/storage";
import { listReviewItems, type ReviewBatch } from "./list-review-items";

export type ReviewSession = {
  before: ReviewBatch;
  after: ReviewBatch;
  total: GalleryCount;
  left: GalleryCount;
};

const LOOK_BACK = 10;

/**
 * Where review mode opens: at `at` when given (a reload resumes there), else at the first image of the view the
 * reviewer has not decided yet, else at the start. Loads a batch forward from there and a few images back.
 */
export async function openReviewSession(
  deps: { db: Database; storage: Storage },
  input: { query: GalleryQuery; reviewerId: string; at?: string },
): Promise<Result<ReviewSession>> {
  const { query, reviewerId } = input;
  let start = input.at ? await findGalleryCursor(deps.db, query.sort, input.at) : null;
  if (!start) {
    const firstOpen = await listGalleryPage(deps, {
      query,
      viewerId: reviewerId,
      limit: 1,
      undecidedByViewer: true,
    });
    const first = firstOpen.ok ? firstOpen.value.items[0] : undefined;
    start = first ? await findGalleryCursor(deps.db, query.sort, first.id) : null;
  }
  const [after, before, total, left] = await Promise.all([
    listReviewItems(deps, { query, reviewerId, cursor: start, inclusive: true }),
    start
      ? listReviewItems(deps, { query, reviewerId, cursor: start, direction: "before", limit: LOOK_BACK })
      : Promise.resolve(ok({ items: [], reviews: {}, cursor: null })),
    countGalleryImages(deps.db, { query, viewerId: reviewerId }),
    countGalleryImages(deps.db, { query, viewerId: reviewerId, undecidedByViewer: true }),
  ]);
  if (!after.ok) return after;
  if (!before.ok) return before;
  return ok({ before: before.value, after: after.value, total, left });
}

import "server-only";
import type { Database } from "@/db/client";
import type { GalleryQuery } from "@/lib/gallery/gallery-query";
import { type GalleryItem, listGalleryPage } from "@/lib/gallery/list-gallery-page";
import { ok, type Result } from "@/lib/http/errors";
import type { Storage } from "@/lib/storage/storage";
import { listMyReviews } from "./list-my-reviews";
import type { ReviewState } from "./review-state";

export type ReviewBatch = {
  items: GalleryItem[];
  reviews: Record<string, ReviewState>;
  cursor: string | null;
};

const REVIEW_BATCH_SIZE = 30;

/** A batch of review mode's queue (preview URLs) with the reviewer's own state for each image. */
export async function listReviewItems(
  deps: { db: Database; storage: Storage },
  input: {
    query: GalleryQuery;
    reviewerId: string;
    cursor: string | null;
    direction?: "after" | "before";
    inclusive?: boolean;
    limit?: number;
  },
): Promise<Result<ReviewBatch>> {
  const page = await listGalleryPage(deps, {
    query: input.query,
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

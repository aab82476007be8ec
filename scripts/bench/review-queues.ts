// The ways `npm run bench:review` hands reviewers their images, each as the desk would walk it: open a session,
// then ask for the next batch when the last one is done. A session yields ids the reviewer has not decided yet.
import type { Database } from "@/lib/db/client";
import type { ImageSelection } from "@/lib/images/selection/image-filter";
import type { ReviewBatch } from "@/lib/review/list-review-items";
import { listReviewItems } from "@/lib/review/list-review-items";
import { LEASE_CURSOR, loadReviewQueue } from "@/lib/review/load-review-queue";
import { openReviewQueue } from "@/lib/review/open-review-queue";
import { openReviewSession } from "@/lib/review/open-review-session";
import type { Storage } from "@/lib/storage/storage";

export type QueueDeps = { db: Database; storage: Storage };
type Session = { next: () => Promise<string[]> };
export type ReviewerQueue = (
  deps: QueueDeps,
  input: { query: ImageSelection; reviewerId: string },
) => Session;

const undecided = (batch: ReviewBatch) =>
  batch.items.filter((item) => !batch.reviews[item.id]?.decision).map((item) => item.id);

/** The desk before leases: every reviewer walks the view from the first image they have not decided. */
const shared: ReviewerQueue = (deps, input) => {
  let cursor: string | null = null;
  return {
    next: async () => {
      if (cursor) {
        const batch = await listReviewItems(deps, { ...input, cursor });
        if (!batch.ok) throw new Error(batch.error.message);
        cursor = batch.value.cursor;
        return undecided(batch.value);
      }
      const session = await openReviewSession(deps, input);
      if (!session.ok) throw new Error(session.error.message);
      cursor = session.value.after.cursor;
      return undecided(session.value.after);
    },
  };
};

/** Review mode now: each reviewer is handed a leased batch of the view, and more as they near its end. */
const leased: ReviewerQueue = (deps, input) => {
  let isOpen = false;
  return {
    next: async () => {
      if (isOpen) {
        const batch = await loadReviewQueue(deps, { ...input, cursor: LEASE_CURSOR, direction: "after" });
        if (!batch.ok) throw new Error(batch.error.message);
        return undecided(batch.value);
      }
      const queue = await openReviewQueue(deps, input);
      if (!queue.ok) throw new Error(queue.error.message);
      isOpen = true;
      return undecided(queue.value.after);
    },
  };
};

export const REVIEW_QUEUES: Record<string, ReviewerQueue> = { shared, leased };

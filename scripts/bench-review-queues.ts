// The ways `npm run bench:review` hands reviewers their images, each as the desk would walk it: open a session,
// then ask for the next batch when the last one is done. A session yields ids the reviewer has not decided yet.
import type { Database } from "@/db/client";
import type { ImageSelection } from "@/lib/images/selection/image-filter";
import type { ReviewBatch } from "@/lib/review/list-review-items";
import { listReviewItems } from "@/lib/review/list-review-items";
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

export const REVIEW_QUEUES: Record<string, ReviewerQueue> = { shared };

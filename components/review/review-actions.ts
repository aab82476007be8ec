import type { ActionResult } from "@/lib/http/wrappers/action-result";
import type { ReviewBatch } from "@/lib/review/list-review-items";
import type { RecordedReview } from "@/lib/review/record-review";
import type { ReviewDetails } from "@/lib/review/review-details";
import type { TagView } from "@/lib/tags/tag-input";

/** The server actions review mode calls, handed down by the page (components never import app/). */
export type ReviewActions = {
  record: (input: unknown) => Promise<ActionResult<RecordedReview>>;
  undo: () => Promise<ActionResult<RecordedReview>>;
  loadItems: (input: unknown) => Promise<ActionResult<ReviewBatch>>;
  createLabel: (input: unknown) => Promise<ActionResult<TagView>>;
  loadDetails: (input: unknown) => Promise<ActionResult<ReviewDetails[]>>;
};

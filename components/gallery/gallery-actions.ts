import type { ReviewStatus } from "@/lib/enums/image-enums";
import type { ActionResult } from "@/lib/http/wrappers/action-result";
import type { ReadyTile } from "@/lib/images/lists/list-ready-tiles";
import type { ImageTilePage } from "@/lib/images/selection/list-image-tiles";
import type { BulkPreview } from "@/lib/review/preview-bulk-review";
import type { BulkReviewOutcome } from "@/lib/review/record-bulk-review";

/** The server actions the gallery grid calls, handed down by the page (components never import app/). */
export type GalleryActions = {
  loadPage: (input: unknown) => Promise<ActionResult<ImageTilePage>>;
  loadReadyTiles: (input: unknown) => Promise<ActionResult<ReadyTile[]>>;
  previewBulk: (input: unknown) => Promise<ActionResult<BulkPreview>>;
  bulkReview: (input: unknown) => Promise<ActionResult<BulkReviewOutcome>>;
  undoBulk: (
    input: unknown,
  ) => Promise<ActionResult<{ undone: number; kept: number; statuses: Record<string, ReviewStatus> }>>;
  bulkTag: (input: unknown) => Promise<ActionResult<{ added: number }>>;
  addToDataset: (input: unknown) => Promise<ActionResult<{ added: number }>>;
};

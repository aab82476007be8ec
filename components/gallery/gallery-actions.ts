import type { ReviewStatus } from "@/lib/enums/image-enums";
import type { ActionResult } from "@/lib/http/action-result";
import type { ImageTilePage } from "@/lib/images/selection/list-image-tiles";

/** The server actions the gallery grid calls, handed down by the page (components never import app/). */
export type GalleryActions = {
  loadPage: (input: unknown) => Promise<ActionResult<ImageTilePage>>;
  bulkDecide: (input: unknown) => Promise<ActionResult<{ statuses: Record<string, ReviewStatus> }>>;
  bulkTag: (input: unknown) => Promise<ActionResult<{ added: number }>>;
  addToDataset: (input: unknown) => Promise<ActionResult<{ added: number }>>;
};

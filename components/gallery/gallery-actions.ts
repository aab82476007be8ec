import type { GalleryPage } from "@/lib/gallery/list-gallery-page";
import type { ActionResult } from "@/lib/http/action-result";

/** The server actions the gallery grid calls, handed down by the page (components never import app/). */
export type GalleryActions = {
  loadPage: (input: unknown) => Promise<ActionResult<GalleryPage>>;
  bulkDecide: (input: unknown) => Promise<ActionResult<{ statuses: Record<string, string> }>>;
  bulkTag: (input: unknown) => Promise<ActionResult<{ added: number }>>;
  addToDataset: (input: unknown) => Promise<ActionResult<{ added: number }>>;
};

"use server";

// The gallery is app/page.tsx; its actions live here because app/actions.ts belongs to the layout (sign-out).
import { z } from "zod";
import { addDatasetImages } from "@/lib/datasets/add-dataset-images";
import { suggestFilterNames, suggestFilterNamesSchema } from "@/lib/gallery/suggest-filter-names";
import { action } from "@/lib/http/wrappers/server-action";
import { listReadyTiles, listReadyTilesSchema } from "@/lib/images/lists/list-ready-tiles";
import { parseImageSelection } from "@/lib/images/selection/image-filter";
import { listImageTiles } from "@/lib/images/selection/list-image-tiles";
import { bulkTargetSchema } from "@/lib/review/bulk-target";
import { openReviewSession } from "@/lib/review/open-review-session";
import { previewBulkReview } from "@/lib/review/preview-bulk-review";
import { bulkReviewSchema, recordBulkReview } from "@/lib/review/record-bulk-review";
import { undoBulkReview, undoBulkReviewSchema } from "@/lib/review/undo-bulk-review";
import { addImageTags } from "@/lib/tags/add-image-tags";
import { storableString } from "@/lib/zod/storable";

/** The view a gallery action works on: the page's query string, read by the one image selection. */
const search = storableString().max(4000);
const selectionOf = (query: string) => parseImageSelection(Object.fromEntries(new URLSearchParams(query)));
/** The next page of the infinite scroll for the view in `search`. */
export const loadGalleryPageAction = action(
  {
    name: "loadGalleryPage",
    access: "viewer",
    input: z.object({ search, cursor: storableString().max(400) }),
  },
  async ({ ctx, user, input }) =>
    listImageTiles(ctx, { selection: selectionOf(input.search), viewerId: user.id, cursor: input.cursor }),
);

/** Tiles shown while their variants were made, now ready: the grid polls this and swaps them in. */
export const loadReadyTilesAction = action(
  { name: "loadReadyTiles", access: "viewer", input: listReadyTilesSchema },
  async ({ ctx, input }) => listReadyTiles(ctx, input),
);

const selected = z.array(z.uuid()).min(1, "select some images first").max(1000);

export const bulkTagAction = action(
  { name: "bulkTag", access: "reviewer", input: z.object({ imageIds: selected, tagId: z.uuid() }) },
  async ({ ctx, user, input }) => addImageTags(ctx.db, user, input),
);

export const addToDatasetAction = action(
  { name: "addToDataset", access: "admin", input: z.object({ imageIds: selected, datasetId: z.uuid() }) },
  async ({ ctx, input }) => addDatasetImages(ctx.db, input.datasetId, { image_ids: input.imageIds }),
);

/** The full-screen viewer over the view in `search`, opened at image `at` (the tile or image page it came from). */
export const openViewerAction = action(
  { name: "openViewer", access: "viewer", input: z.object({ search, at: z.uuid() }) },
  async ({ ctx, user, input }) =>
    openReviewSession(ctx, { query: selectionOf(input.search), reviewerId: user.id, at: input.at }),
);

/** How many images a bulk change would reach now (picked, the whole view, or the critics' rule in it). */
export const previewBulkReviewAction = action(
  { name: "previewBulkReview", access: "reviewer", input: z.object({ target: bulkTargetSchema }) },
  async ({ ctx, user, input }) => previewBulkReview(ctx.db, user, input.target),
);

/** The caller's decision, score or reason on many images at once, recorded with the rule that chose them. */
export const bulkReviewAction = action(
  { name: "bulkReview", access: "reviewer", input: bulkReviewSchema },
  async ({ ctx, user, input }) => recordBulkReview(ctx.db, user, input),
);

/** Takes one of the caller's bulk changes back, whole. */
export const undoBulkReviewAction = action(
  { name: "undoBulkReview", access: "reviewer", input: undoBulkReviewSchema },
  async ({ ctx, user, input }) => undoBulkReview(ctx.db, user, input),
);

/** Model or LoRA names containing what the user typed: the filter inputs' suggestions. */
export const suggestFilterNamesAction = action(
  { name: "suggestFilterNames", access: "viewer", input: suggestFilterNamesSchema },
  async ({ ctx, input }) => suggestFilterNames(ctx.db, input),
);

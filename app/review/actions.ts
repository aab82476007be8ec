"use server";

import { z } from "zod";
import { action } from "@/lib/http/wrappers/server-action";
import { parseImageSelection } from "@/lib/images/selection/image-filter";
import { listReviewDetails, listReviewDetailsSchema } from "@/lib/review/list-review-details";
import { listReviewItems } from "@/lib/review/list-review-items";
import { loadReviewQueue } from "@/lib/review/load-review-queue";
import { recordReview, recordReviewSchema } from "@/lib/review/record-review";
import { undoLastReview } from "@/lib/review/undo-last-review";
import { saveTag } from "@/lib/tags/save-tag";
import { storableString } from "@/lib/zod/storable";

/** One change to the caller's own review (decide, score, note, reason tags); saved optimistically by the desk. */
export const recordReviewAction = action(
  { name: "recordReview", access: "reviewer", input: recordReviewSchema },
  async ({ ctx, user, input }) => recordReview(ctx.db, user, input),
);

export const undoReviewAction = action({ name: "undoReview", access: "reviewer" }, async ({ ctx, user }) =>
  undoLastReview(ctx.db, user),
);

const loadSchema = z.object({
  search: storableString().max(4000),
  cursor: storableString().max(400),
  direction: z.enum(["after", "before"]),
});

/**
 * The next (or previous) batch of the review queue for the view in `search` (the page's query string). Viewers
 * walk the same queue in the full-screen viewer; what they get back holds only their own (empty) reviews.
 */
export const loadReviewItemsAction = action(
  { name: "loadReviewItems", access: "viewer", input: loadSchema },
  async ({ ctx, user, input: { search, cursor, direction } }) => {
    const query = parseImageSelection(Object.fromEntries(new URLSearchParams(search)));
    return listReviewItems(ctx, { query, reviewerId: user.id, cursor, direction });
  },
);

/**
 * The next batch of review mode's own queue: in a leased view, more images handed to the caller (which is why it
 * needs a reviewer); in a view of settled images, the walk on from the cursor.
 */
export const loadReviewQueueAction = action(
  { name: "loadReviewQueue", access: "reviewer", input: loadSchema },
  async ({ ctx, user, input: { search, cursor, direction } }) => {
    const query = parseImageSelection(Object.fromEntries(new URLSearchParams(search)));
    return loadReviewQueue(ctx, { query, reviewerId: user.id, cursor, direction });
  },
);

const labelSchema = z.object({ name: storableString().trim().min(1, "name is required").max(60) });

/** Reviewers may add a plain label inline; reasons, colours and hotkeys are set by admins at /admin/tags. */
export const createLabelAction = action(
  { name: "createLabel", access: "reviewer", input: labelSchema },
  async ({ ctx, input }) => saveTag(ctx.db, { name: input.name, kind: "label", color: null, hotkey: null }),
);

/** The panel's generation settings and critic scores for images already in the caller's queue or viewer. */
export const loadReviewDetailsAction = action(
  { name: "loadReviewDetails", access: "viewer", input: listReviewDetailsSchema },
  async ({ ctx, input }) => listReviewDetails(ctx.db, input),
);

import type { ReviewActions } from "@/components/review/review-actions";
import type { ViewerSetup } from "@/components/review/viewer-setup";
import { updatePreferencesAction } from "../actions";
import { openViewerAction } from "../gallery/actions";
import {
  createLabelAction,
  loadReviewDetailsAction,
  loadReviewItemsAction,
  loadReviewQueueAction,
  recordReviewAction,
  undoReviewAction,
} from "./actions";

// The review desk's server actions, handed to it by the review page, the gallery and the image page alike.
const REVIEW_ACTIONS: ReviewActions = {
  record: recordReviewAction,
  undo: undoReviewAction,
  loadItems: loadReviewItemsAction,
  createLabel: createLabelAction,
  loadDetails: loadReviewDetailsAction,
};

/** Review mode's own desk: its queue is handed out (leased) rather than walked. */
export const REVIEW_QUEUE_ACTIONS: ReviewActions = { ...REVIEW_ACTIONS, loadItems: loadReviewQueueAction };

export const VIEWER_ACTIONS: Pick<ViewerSetup, "savePreferences" | "openViewer" | "actions"> = {
  savePreferences: updatePreferencesAction,
  openViewer: openViewerAction,
  actions: REVIEW_ACTIONS,
};

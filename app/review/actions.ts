"use server";

import { z } from "zod";
import { requireActionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { type ActionResult, runAction } from "@/lib/http/action-result";
import { parseImageSelection } from "@/lib/images/selection/image-filter";
import { listReviewItems, type ReviewBatch } from "@/lib/review/list-review-items";
import { bulkDecisionSchema, recordBulkDecision } from "@/lib/review/record-bulk-decision";
import { type RecordedReview, recordReview, recordReviewSchema } from "@/lib/review/record-review";
import { undoLastReview } from "@/lib/review/undo-last-review";
import { getStorage } from "@/lib/storage/storage";
import { saveTag } from "@/lib/tags/save-tag";
import type { TagView } from "@/lib/tags/tag-input";
import { storableString } from "@/lib/zod/storable";

/** One change to the caller's own review (decide, score, note, reason tags); saved optimistically by the desk. */
export async function recordReviewAction(input: unknown): Promise<ActionResult<RecordedReview>> {
  return runAction("recordReview", async () => {
    const reviewer = await requireActionUser("reviewer");
    if (!reviewer.ok) return reviewer;
    return recordReview(getDb(), reviewer.value, recordReviewSchema.parse(input));
  });
}

export async function undoReviewAction(): Promise<ActionResult<RecordedReview>> {
  return runAction("undoReview", async () => {
    const reviewer = await requireActionUser("reviewer");
    if (!reviewer.ok) return reviewer;
    return undoLastReview(getDb(), reviewer.value);
  });
}

const loadSchema = z.object({
  search: storableString().max(4000),
  cursor: storableString().max(400),
  direction: z.enum(["after", "before"]),
});

/** The next (or previous) batch of the review queue for the view in `search` (the page's query string). */
export async function loadReviewItemsAction(input: unknown): Promise<ActionResult<ReviewBatch>> {
  return runAction("loadReviewItems", async () => {
    const reviewer = await requireActionUser("reviewer");
    if (!reviewer.ok) return reviewer;
    const { search, cursor, direction } = loadSchema.parse(input);
    const query = parseImageSelection(Object.fromEntries(new URLSearchParams(search)));
    return listReviewItems(
      { db: getDb(), storage: getStorage() },
      { query, reviewerId: reviewer.value.id, cursor, direction },
    );
  });
}

const labelSchema = z.object({ name: storableString().trim().min(1, "name is required").max(60) });

/** Reviewers may add a plain label inline; reasons, colours and hotkeys are set by admins at /admin/tags. */
export async function createLabelAction(input: unknown): Promise<ActionResult<TagView>> {
  return runAction("createLabel", async () => {
    const reviewer = await requireActionUser("reviewer");
    if (!reviewer.ok) return reviewer;
    const { name } = labelSchema.parse(input);
    return saveTag(getDb(), { name, kind: "label", color: null, hotkey: null });
  });
}

/** The caller's decision on every selected image (gallery bulk approve / reject). */
export async function bulkDecideAction(
  input: unknown,
): Promise<ActionResult<{ statuses: Record<string, string> }>> {
  return runAction("bulkDecide", async () => {
    const reviewer = await requireActionUser("reviewer");
    if (!reviewer.ok) return reviewer;
    return recordBulkDecision(getDb(), reviewer.value, bulkDecisionSchema.parse(input));
  });
}

import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { fencedWrite } from "@/lib/db/request-fence";
import { bulkReviews } from "@/lib/db/schema";
import type { BulkChange } from "@/lib/enums/bulk-rule";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import { REVIEW_DECISIONS } from "@/lib/enums/review-enums";
import { err, ok, type Result } from "@/lib/result";
import {
  BULK_REVIEW_LIMIT,
  type BulkTarget,
  bulkTargetSchema,
  resolveBulkTarget,
  ruleOf,
} from "./bulk-target";
import { findReviewRule } from "./find-review-rule";
import { areKnownTags, changeReview, lockReviewer } from "./record-review";
import type { ReviewState } from "./review-state";

const bulkChangeSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("decide"), decision: z.enum(REVIEW_DECISIONS) }),
  z.object({ action: z.literal("score"), score: z.number().int().min(1).max(5) }),
  z.object({ action: z.literal("reason"), tagId: z.uuid() }),
]);

/**
 * One change to many images. A whole view or the critics' rule carries the count the reviewer confirmed
 * (`expectedCount`); the critics' rule only decides, and decides what the critics say.
 */
export const bulkReviewSchema = z
  .object({
    target: bulkTargetSchema,
    change: bulkChangeSchema,
    expectedCount: z.number().int().min(0).max(BULK_REVIEW_LIMIT).optional(),
  })
  .refine((input) => isChosenByHand(input.target) || input.expectedCount !== undefined, {
    message: "a change to a whole view needs the count that was confirmed",
    path: ["expectedCount"],
  })
  .refine(
    (input) =>
      input.target.kind !== "critics" ||
      (input.change.action === "decide" && input.change.decision === input.target.verdict),
    { message: "the critics' rule decides what the critics say", path: ["change"] },
  );
export type BulkReviewInput = z.output<typeof bulkReviewSchema>;

export type BulkReviewOutcome = {
  bulkReviewId: string;
  /** The status of every image the change reached (also those it left as they were). */
  statuses: Record<string, ReviewStatus>;
};

const BATCH = 100;

/** Images named one by one (picked, a duplicate group): no count to confirm, the ids say what is meant. */
const isChosenByHand = (target: BulkTarget) => target.kind === "picked" || target.kind === "duplicates";

/**
 * Applies the change to every image the target reaches now, as the reviewer's own reviews: each image's change
 * is audited with the bulk change's id (undoBulkReview takes them all back) and the rule that chose them.
 * Written in batches of BATCH images per transaction, so no image stays locked for the whole change.
 */
export async function recordBulkReview(
  db: Database,
  reviewer: { id: string },
  input: BulkReviewInput,
): Promise<Result<BulkReviewOutcome>> {
  const resolved = await resolveBulkTarget(db, reviewer.id, input.target);
  if (!resolved.ok) return resolved;
  const ids = resolved.value;
  if (ids.length > BULK_REVIEW_LIMIT) {
    return err(
      "invalid_request",
      `This view holds more than ${BULK_REVIEW_LIMIT.toLocaleString("en-US")} images; narrow it first`,
    );
  }
  if (
    input.expectedCount !== undefined &&
    input.target.kind !== "picked" &&
    ids.length !== input.expectedCount
  ) {
    return err(
      "conflict",
      `The view changed: ${ids.length} images match now, not ${input.expectedCount}. Look again and confirm.`,
      { count: ids.length },
    );
  }
  if (input.change.action === "reason" && !(await areKnownTags(db, [input.change.tagId]))) {
    return err("invalid_request", "That tag does not exist");
  }
  const [bulk] = await fencedWrite(db, (q) =>
    q
      .insert(bulkReviews)
      .values({ reviewerId: reviewer.id, change: input.change, rule: ruleOf(input.target) })
      .returning({ id: bulkReviews.id }),
  );
  if (!bulk) throw new Error("insert returned no bulk review row");
  const apply = changeOf(input.change, input.target);
  const statuses: Record<string, ReviewStatus> = {};
  for (let start = 0; start < ids.length; start += BATCH) {
    await db.transaction(async (tx) => {
      await lockReviewer(tx, reviewer.id);
      const rule = await findReviewRule(tx);
      for (const imageId of ids.slice(start, start + BATCH)) {
        const result = await changeReview(tx, reviewer.id, imageId, apply, {
          action: input.change.action === "reason" ? "tag" : input.change.action,
          bulkReviewId: bulk.id,
          rule,
        });
        if (result.ok) statuses[imageId] = result.value.reviewStatus;
      }
    });
  }
  await fencedWrite(db, (q) =>
    q
      .update(bulkReviews)
      .set({ imageCount: Object.keys(statuses).length })
      .where(eq(bulkReviews.id, bulk.id)),
  );
  return ok({ bulkReviewId: bulk.id, statuses });
}

/**
 * The new state of one image's review. The critics' rule decides only what the reviewer has still not decided
 * when the batch reaches the image (they may have decided it in another tab since the view was read).
 */
function changeOf(change: BulkChange, target: BulkTarget): (before: ReviewState) => ReviewState {
  switch (change.action) {
    case "decide":
      return (before) =>
        target.kind === "critics" && before.decision !== null
          ? before
          : { ...before, decision: change.decision };
    case "score":
      return (before) => ({ ...before, score: change.score });
    case "reason":
      return (before) => ({ ...before, tagIds: [...new Set([...before.tagIds, change.tagId])] });
  }
}

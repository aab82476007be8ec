import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/lib/db/client";
import { pipelined } from "@/lib/db/pipelined";
import { images, tags } from "@/lib/db/schema";
import { REVIEW_DECISIONS } from "@/lib/enums/review-enums";
import { err, ok, type Result } from "@/lib/result";
import { findReviewRule } from "./find-review-rule";
import type { ImageConsensus } from "./refresh-image-consensus";
import type { ReviewRule } from "./review-rule";
import type { ReviewState } from "./review-state";
import { isSameReviewState } from "./review-state";
import { saveReviewChange } from "./save-review-change";
import { readReviewState } from "./write-review-state";

const imageId = z.uuid("imageId must be an image id");

/** One change to the caller's own review of one image. `tag` sends the whole set of reason tags. */
export const recordReviewSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("decide"), imageId, decision: z.enum(REVIEW_DECISIONS).nullable() }),
  z.object({ action: z.literal("score"), imageId, score: z.number().int().min(1).max(5).nullable() }),
  z.object({
    action: z.literal("note"),
    imageId,
    note: z
      .string()
      .max(5000, "a note holds at most 5,000 characters")
      .transform((note) => note.trim() || null)
      .nullable(),
  }),
  z.object({ action: z.literal("tag"), imageId, tagIds: z.array(z.uuid()).max(30) }),
]);
export type RecordReviewInput = z.output<typeof recordReviewSchema>;

export type RecordedReview = ImageConsensus & { imageId: string; state: ReviewState };

/**
 * Applies the change to the reviewer's row, appends it to review_events, keeps their lease in step (a decision ends
 * it) and re-derives the image's status and score, all in one transaction of five round trips (begin, the fence's
 * check, lock and reads, the writes, the consensus update; then commit). A change that changes nothing appends
 * nothing. Other reviewers of the image wait for nothing but the consensus step (see refreshImageConsensus).
 */
export async function recordReview(
  db: Database,
  reviewer: { id: string },
  input: RecordReviewInput,
): Promise<Result<RecordedReview>> {
  return db.transaction(async (tx) => {
    // The lock goes out first and changeReview's reads right behind it (pipelined): they run once it is granted.
    const locked = lockReviewer(tx, reviewer.id);
    const changed = changeReview(tx, reviewer.id, input.imageId, (before) => applyChange(before, input), {
      action: input.action,
      tagIds: input.action === "tag" ? input.tagIds : undefined,
    });
    const [, result] = await Promise.all([locked, changed]);
    return result;
  });
}

/**
 * One change to a reviewer's review of one image, inside the caller's transaction (which holds, or has just sent,
 * lockReviewer): reads what the change needs in one round trip, then saves the state `change` makes of the current
 * one with its event (naming its bulk change, if any), the reviewer's lease and the image's consensus (by
 * `event.rule`, read once for a batch, or read here) in another (saveReviewChange). `event.tagIds` are checked to
 * exist. A change that changes nothing writes nothing.
 */
export async function changeReview(
  tx: Queryable,
  reviewerId: string,
  imageId: string,
  change: (before: ReviewState) => ReviewState,
  event: { action: RecordReviewInput["action"]; bulkReviewId?: string; rule?: ReviewRule; tagIds?: string[] },
): Promise<Result<RecordedReview>> {
  // Sent one after another without waiting (see pipelined), so the four reads cost one round trip.
  // KEY SHARE (what the foreign keys of the rows below take anyway): a purge cannot remove the image under
  // this decision, and neither other reviewers nor the consensus update wait for it.
  const imageLocked = pipelined(
    tx
      .select({ id: images.id, reviewStatus: images.reviewStatus, scoreAvg: images.scoreAvg })
      .from(images)
      .where(and(eq(images.id, imageId), isNull(images.deletedAt)))
      .for("key share"),
  );
  const stateRead = readReviewState(tx, imageId, reviewerId);
  const tagsChecked = event.tagIds ? areKnownTags(tx, event.tagIds) : true;
  const ruleRead = event.rule ?? findReviewRule(tx);
  const [[[image]], before, tagsKnown, rule] = await Promise.all([
    imageLocked,
    stateRead,
    tagsChecked,
    ruleRead,
  ]);
  if (!image) return err("not_found", `Image ${imageId} does not exist`);
  if (!tagsKnown) return err("invalid_request", "One of the tags does not exist");
  const after = change(before);
  if (isSameReviewState(before, after)) {
    return ok({ imageId, state: before, reviewStatus: image.reviewStatus, scoreAvg: image.scoreAvg });
  }
  const consensus = await saveReviewChange(tx, {
    reviewerId,
    imageId,
    before,
    after,
    event: { action: event.action, bulkReviewId: event.bulkReviewId },
    rule,
  });
  return ok({ imageId, state: after, ...consensus });
}

function applyChange(state: ReviewState, input: RecordReviewInput): ReviewState {
  switch (input.action) {
    case "decide":
      return { ...state, decision: input.decision };
    case "score":
      return { ...state, score: input.score };
    case "note":
      return { ...state, note: input.note };
    case "tag":
      return { ...state, tagIds: [...new Set(input.tagIds)] };
  }
}

export async function areKnownTags(tx: Queryable, tagIds: string[]): Promise<boolean> {
  const unique = [...new Set(tagIds)];
  if (unique.length === 0) return true;
  const found = await tx.select({ id: tags.id }).from(tags).where(inArray(tags.id, unique));
  return found.length === unique.length;
}

/**
 * A reviewer's changes and undos run one at a time, so undo always sees the trail it reverts; and none runs beside a
 * change of the consensus rule (lockReviewRule), so a status is never derived under a replaced rule nor overwritten
 * by one derived from the reviews before this change. Taken first in the transaction, before any row lock.
 */
export async function lockReviewer(tx: Queryable, reviewerId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`review:${reviewerId}`})),
    pg_advisory_xact_lock_shared(hashtext(${REVIEW_RULE_LOCK}))`);
}

const REVIEW_RULE_LOCK = "review-rule";

/** Waits for the decisions in flight and holds off new ones until the transaction ends (see lockReviewer). */
export async function lockReviewRule(tx: Queryable): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${REVIEW_RULE_LOCK}))`);
}

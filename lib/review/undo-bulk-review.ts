import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/lib/db/client";
import { fencedWrite } from "@/lib/db/request-fence";
import { bulkReviews, images, reviewEvents } from "@/lib/db/schema";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import { err, ok, type Result } from "@/lib/result";
import { findReviewRule } from "./find-review-rule";
import { lockReviewer } from "./record-review";
import { isInEffect, revertReviewEvent } from "./undo-last-review";

export const undoBulkReviewSchema = z.object({ bulkReviewId: z.uuid() });

const BATCH = 100;

// No later change of the same reviewer to the same image is still in effect: undoing the bulk change must not
// throw away what the reviewer decided afterwards.
const isLatestOfItsImage = sql`not exists (select 1 from ${reviewEvents} as later
  where later.reviewer_id = ${reviewEvents.reviewerId} and later.image_id = ${reviewEvents.imageId}
    and later.id > ${reviewEvents.id} and later.action <> 'undo'
    and not exists (select 1 from ${reviewEvents} as undo where undo.undoes_event_id = later.id))`;

/**
 * Takes a bulk change back in one step: every image it changed returns to the state the reviewer's previous
 * change left, unless the reviewer changed that image again since (those are kept and counted). Safe to repeat
 * or run twice at once: each batch re-reads, under the reviewer's lock, which of its events are still in effect.
 */
export async function undoBulkReview(
  db: Database,
  reviewer: { id: string },
  input: z.output<typeof undoBulkReviewSchema>,
): Promise<Result<{ undone: number; kept: number; statuses: Record<string, ReviewStatus> }>> {
  const [bulk] = await db
    .select({ id: bulkReviews.id })
    .from(bulkReviews)
    .where(and(eq(bulkReviews.id, input.bulkReviewId), eq(bulkReviews.reviewerId, reviewer.id)));
  if (!bulk) return err("not_found", "That bulk change does not exist");
  const statuses: Record<string, ReviewStatus> = {};
  for (;;) {
    const reverted = await db.transaction(async (tx) => {
      await lockReviewer(tx, reviewer.id);
      const rule = await findReviewRule(tx);
      const events = await tx
        .select({ id: reviewEvents.id, imageId: reviewEvents.imageId, decision: reviewEvents.decision })
        .from(reviewEvents)
        .where(and(eq(reviewEvents.bulkReviewId, bulk.id), isInEffect, isLatestOfItsImage))
        .limit(BATCH);
      const present = await lockImages(
        tx,
        events.map((event) => event.imageId),
      );
      for (const event of events) {
        if (!present.has(event.imageId)) continue;
        statuses[event.imageId] = (await revertReviewEvent(tx, reviewer.id, event, rule)).reviewStatus;
      }
      return events.length;
    });
    if (reverted < BATCH) break;
  }
  await fencedWrite(db, (q) =>
    q
      .update(bulkReviews)
      .set({ undoneAt: new Date() })
      .where(and(eq(bulkReviews.id, bulk.id), isNull(bulkReviews.undoneAt))),
  );
  const [left] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(reviewEvents)
    .where(and(eq(reviewEvents.bulkReviewId, bulk.id), isInEffect));
  return ok({ undone: Object.keys(statuses).length, kept: left?.count ?? 0, statuses });
}

/**
 * Locks the images FOR KEY SHARE, as a decision does (changeReview), and returns those still there. A purge does
 * not take the reviewer's lock: an image purged after its events were read took them with it, so it is skipped.
 */
async function lockImages(tx: Queryable, imageIds: string[]): Promise<Set<string>> {
  if (imageIds.length === 0) return new Set();
  const rows = await tx
    .select({ id: images.id })
    .from(images)
    .where(inArray(images.id, imageIds))
    .for("key share");
  return new Set(rows.map((row) => row.id));
}

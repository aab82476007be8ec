import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { images, reviewLeases, reviews } from "@/lib/db/schema";
import { LEASE_MINUTES } from "./review-leases";

/** When a lease taken or renewed now lapses (database time, the same clock for every app server). */
export const LEASE_EXPIRY = sql.raw(`now() + interval '${LEASE_MINUTES} minutes'`);

/**
 * The advisory lock whoever hands out an image holds while it counts and adds that image's leases (a claim takes it
 * with try-lock and passes over an image someone else is handing out; an undo waits for it).
 */
export function leaseLockKey(imageId: SQL | string): SQL {
  return sql`hashtextextended('review-lease:' || ${imageId}::text, 0)`;
}

/**
 * How many of an image's places the rule's count are taken: its live leases and its approves and rejects. A
 * decision and the end of its reviewer's lease commit together (lib/review/settle-review-lease.ts), so a count
 * sees the place taken either way, never twice and never not at all.
 */
export function takenPlaces(imageId: SQL): SQL<number> {
  return sql<number>`((select count(*) from ${reviewLeases} where ${reviewLeases.imageId} = ${imageId}
      and ${reviewLeases.expiresAt} > now())
    + (select count(*) from ${reviews} where ${reviews.imageId} = ${imageId}
      and ${reviews.decision} in ('approve', 'reject')))`;
}

/** An image still waiting for reviews: not deleted, not settled by the rule (a skipped one waits for others). */
export function waitsForReviews(imageId: SQL): SQL {
  return sql`exists (select 1 from ${images} as waiting where waiting.id = ${imageId}
    and waiting.deleted_at is null and waiting.review_status in ('unreviewed', 'skipped'))`;
}

/** The reviewer holds a live lease on the image. */
export function isLeasedTo(reviewerId: string, imageId: SQL): SQL {
  return sql`exists (select 1 from ${reviewLeases} where ${reviewLeases.imageId} = ${imageId}
    and ${reviewLeases.reviewerId} = ${reviewerId} and ${reviewLeases.expiresAt} > now())`;
}

/** A uuid[] parameter (ids are uuids already validated or read from the database). */
export function uuidArray(ids: string[]): SQL {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}

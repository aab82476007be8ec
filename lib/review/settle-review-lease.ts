import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { pipelined } from "@/lib/db/pipelined";
import { reviewLeases } from "@/lib/db/schema";
import { LEASE_EXPIRY, leaseLockKey, takenPlaces } from "./lease-sql";
import { reviewsWanted } from "./review-leases";
import type { ReviewRule } from "./review-rule";

/**
 * Keeps the reviewer's lease on an image in step with their decision, inside the deciding transaction (which holds
 * the reviewer's lock): a decision (approve, reject, skip) ends the lease, since an approve or reject now holds the
 * place itself and a skip hands the image on; a decision withdrawn (undo, or cleared) gives them the image back
 * when the rule still has a place for it. Either way their other leases are renewed: they are at the desk.
 */
export function settleReviewLease(
  tx: Queryable,
  input: { reviewerId: string; imageId: string; isDecided: boolean; wasDecided: boolean; rule: ReviewRule },
): Promise<unknown> {
  const { reviewerId, imageId } = input;
  const renew = () => renewReviewLeases(tx, reviewerId, input.isDecided ? imageId : null);
  if (input.isDecided || !input.wasDecided) return renew();
  // Sent now, in this order (the insert counts the places under the image's lease lock), then the renewal.
  const givenBack = pipelined(
    tx.execute(sql`select pg_advisory_xact_lock(${leaseLockKey(imageId)})`),
    tx.execute(sql`insert into ${reviewLeases} (image_id, reviewer_id, expires_at)
      select ${imageId}, ${reviewerId}, ${LEASE_EXPIRY}
      where ${takenPlaces(sql`${imageId}::uuid`)} < ${reviewsWanted(input.rule)}
      on conflict (image_id, reviewer_id) do update set expires_at = excluded.expires_at`),
  );
  return Promise.all([givenBack, renew()]);
}

/**
 * The reviewer is still at work: their live leases run LEASE_MINUTES from now. Their lapsed ones, which count for
 * nothing, are cleared (an image they are handed again is a fresh row), and so is the lease on `ending`, the image
 * they just decided. One statement: the delete and the update touch different rows.
 */
export function renewReviewLeases(
  tx: Queryable,
  reviewerId: string,
  ending: string | null = null,
): Promise<unknown> {
  const isEnding = ending ? sql`${reviewLeases.imageId} = ${ending}` : sql`false`;
  return pipelined(
    tx.execute(sql`with ended as (
      delete from ${reviewLeases} where ${reviewLeases.reviewerId} = ${reviewerId}
        and (${reviewLeases.expiresAt} <= now() or ${isEnding})
    )
    update ${reviewLeases} set expires_at = ${LEASE_EXPIRY}
    where ${reviewLeases.reviewerId} = ${reviewerId} and ${reviewLeases.expiresAt} > now() and not ${isEnding}`),
  );
}

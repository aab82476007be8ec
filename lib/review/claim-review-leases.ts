import "server-only";
import { and, inArray, lte, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/lib/db/client";
import { pipelined } from "@/lib/db/pipelined";
import { images, reviewLeases } from "@/lib/db/schema";
import { splitImageConditions } from "@/lib/images/selection/image-conditions";
import type { ImageSelection } from "@/lib/images/selection/image-filter";
import { keysetPage } from "@/lib/images/selection/keyset-page";
import { pageConditions } from "@/lib/images/selection/page-conditions";
import { findReviewRule } from "./find-review-rule";
import { isLeasedTo, LEASE_EXPIRY, leaseLockKey, takenPlaces, uuidArray, waitsForReviews } from "./lease-sql";
import { lockReviewer } from "./record-review";
import { reviewsWanted } from "./review-leases";
import { renewReviewLeases } from "./settle-review-lease";

// Candidates looked at per image wanted: room for the ones another reviewer is being handed at the same moment.
const CANDIDATES_PER_LEASE = 3;
// Rounds before giving up on images other claims held: each round sees the leases the others committed meanwhile.
const MAX_ROUNDS = 4;
const ROUND_PAUSE_MS = 25;

/**
 * Hands the reviewer up to `want` more images of the view, in the view's order: images they have not decided, that
 * still wait for reviews and have a place left under the consensus rule. Renews the leases they hold. Returns the
 * ids newly leased (an expired lease of theirs taken again counts as new).
 *
 * Race-safe without locking image rows: each image is handed out under its own advisory lock (leaseLockKey), taken
 * with try-lock, so concurrent claims pass over each other's images as FOR UPDATE SKIP LOCKED would, and the places
 * are counted in the statement after the lock was granted, whose snapshot sees every lease the previous holder
 * committed. Row locks on `images` would also queue behind (and block) every decision's consensus update.
 */
export async function claimReviewLeases(
  db: Database,
  input: { selection: ImageSelection; reviewerId: string; want: number },
): Promise<string[]> {
  const claimed: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const result = await db.transaction((tx) =>
      claimRound(tx, { ...input, want: input.want - claimed.length, isFirst: round === 0 }),
    );
    claimed.push(...result.claimed);
    if (claimed.length >= input.want || !result.isShort) break;
    await new Promise((resolve) => setTimeout(resolve, ROUND_PAUSE_MS));
  }
  return claimed;
}

async function claimRound(
  tx: Transaction,
  input: { selection: ImageSelection; reviewerId: string; want: number; isFirst: boolean },
): Promise<{ claimed: string[]; isShort: boolean }> {
  const { selection, reviewerId, want } = input;
  // The lock, the renewal and the rule go out together (pipelined): the others run once the lock is granted.
  const reviewerLocked = lockReviewer(tx, reviewerId);
  const renewed = input.isFirst && renewReviewLeases(tx, reviewerId);
  const ruleRead = want > 0 && findReviewRule(tx);
  const [, , rule] = await Promise.all([reviewerLocked, renewed, ruleRead]);
  if (!rule) return { claimed: [], isShort: false };
  const wanted = reviewsWanted(rule);
  const candidates = await listCandidates(tx, {
    selection,
    reviewerId,
    wanted,
    limit: want * CANDIDATES_PER_LEASE,
  });
  if (candidates.length === 0) return { claimed: [], isShort: false };
  // unnest keeps the candidates' order, and the LIMIT stops taking locks once `want` are held.
  const locked = await tx.execute<{
    id: string;
  }>(sql`select candidate.id from unnest(${uuidArray(candidates)})
    as candidate(id) where pg_try_advisory_xact_lock(${leaseLockKey(sql`candidate.id`)}) limit ${want}`);
  const lockedIds = locked.map((row) => row.id);
  if (lockedIds.length === 0) return { claimed: [], isShort: true };
  // Others' lapsed leases on these images count for nothing; clear them while their lock is held. Then, in a new
  // statement (a new snapshot: it sees every lease committed before these locks were granted), the leases; the two
  // go out together (pipelined), the insert running after the delete.
  const [, inserted] = await pipelined(
    tx
      .delete(reviewLeases)
      .where(and(inArray(reviewLeases.imageId, lockedIds), lte(reviewLeases.expiresAt, sql`now()`))),
    tx.execute<{ image_id: string }>(sql`insert into ${reviewLeases}
      (image_id, reviewer_id, expires_at)
    select candidate.id, ${reviewerId}, ${LEASE_EXPIRY} from unnest(${uuidArray(lockedIds)}) as candidate(id)
    where ${waitsForReviews(sql`candidate.id`)} and ${takenPlaces(sql`candidate.id`)} < ${wanted}
    returning image_id`),
  );
  return {
    claimed: inserted.map((row) => row.image_id),
    isShort: inserted.length < want && candidates.length > inserted.length,
  };
}

/** The view's images the reviewer could be handed, in the view's order (the same page planning as the gallery). */
async function listCandidates(
  tx: Transaction,
  input: { selection: ImageSelection; reviewerId: string; wanted: number; limit: number },
): Promise<string[]> {
  const { selection, reviewerId, wanted, limit } = input;
  const parts = splitImageConditions(selection, { viewerId: reviewerId, undecidedByViewer: true });
  const claimable = sql`${images.reviewStatus} in ('unreviewed', 'skipped')
    and not ${isLeasedTo(reviewerId, sql`${images.id}`)} and ${takenPlaces(sql`${images.id}`)} < ${wanted}`;
  const window = { cursor: null };
  const rows = await tx
    .select({ id: images.id })
    .from(images)
    .where(
      pageConditions({
        order: selection,
        conditions: { rest: and(parts.rest, claimable) ?? parts.rest, search: parts.search },
        window,
        limit,
      }),
    )
    .orderBy(...keysetPage(selection, window).orderBy)
    .limit(limit);
  return rows.map((row) => row.id);
}

import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { sha256Claims } from "@/lib/db/schema";
import type { ClaimPurpose } from "@/lib/enums/image-enums";
import { err, ok, type Result } from "@/lib/result";

/*
 * The claim protocol: how ingest and purge of one sha256 stay serialised without a database transaction (or a
 * pooled connection) open while they talk to the bucket.
 *
 *   1. claim   — one short autocommit INSERT … ON CONFLICT into sha256_claims; it succeeds for one caller at a
 *                time (or takes over a lease whose holder died). Others poll until it is released.
 *   2. bucket  — the holder writes (ingest) or removes (purge) the objects of that sha256, with no transaction.
 *   3. commit  — one short transaction that first locks the claim row by its token (proving the lease is still
 *                ours), writes the meaning (insert the row / delete the row) and deletes the claim.
 *
 * Ingest puts bytes before its commit (no row without its object); purge commits the row's removal before it
 * removes objects (a crash leaves orphans, which the doctor collects, never a row without its object). The lease
 * is short and a live holder renews it (heartbeat), so the claim of a process that died (SIGKILL, crash) frees
 * itself within seconds, while a slow but live holder keeps it.
 */

export type Claim = { sha256: string; token: string; stopHeartbeat: () => void };

const LEASE_MS = 10_000;
const HEARTBEAT_MS = 3_000;
const DEFAULT_WAIT_MS = 30_000;

/**
 * Takes the claim on `sha256`, waiting (polling) up to `waitMs` for another holder to finish, and keeps renewing
 * it until it is consumed or released.
 */
export async function claimSha256(
  db: Queryable,
  sha256: string,
  purpose: ClaimPurpose,
  waitMs = DEFAULT_WAIT_MS,
): Promise<Result<Claim>> {
  const token = randomUUID();
  const deadline = Date.now() + waitMs;
  // Lease times come from the database's clock, the one every holder compares against.
  const expiresAt = sql`now() + ${`${LEASE_MS} milliseconds`}::interval`;
  for (let pause = 10; ; pause = Math.min(pause * 2, 250)) {
    const [claimed] = await db
      .insert(sha256Claims)
      .values({ sha256, token, purpose, expiresAt })
      .onConflictDoUpdate({
        target: sha256Claims.sha256,
        set: { token, purpose, expiresAt, createdAt: sql`now()` },
        setWhere: sql`${sha256Claims.expiresAt} < now()`,
      })
      .returning({ token: sha256Claims.token });
    if (claimed?.token === token)
      return ok({ sha256, token, stopHeartbeat: startHeartbeat(db, sha256, token) });
    if (Date.now() + pause > deadline) {
      return err("conflict", "Another request is storing or removing this image right now; retry shortly");
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * Inside the commit transaction: locks the claim row if it is still ours (true), so the lease cannot be taken
 * over before the transaction commits, and deletes it with the commit.
 */
export async function consumeClaim(tx: Queryable, claim: Claim): Promise<boolean> {
  const [held] = await tx
    .delete(sha256Claims)
    .where(and(eq(sha256Claims.sha256, claim.sha256), eq(sha256Claims.token, claim.token)))
    .returning({ sha256: sha256Claims.sha256 });
  return held !== undefined;
}

/** Gives the claim up (after a failure, or after a purge removed its objects). Safe to call twice. */
export async function releaseClaim(db: Queryable, claim: Claim): Promise<void> {
  claim.stopHeartbeat();
  await db
    .delete(sha256Claims)
    .where(and(eq(sha256Claims.sha256, claim.sha256), eq(sha256Claims.token, claim.token)));
}

/** Whether the claim is still ours (before removing objects that a new holder might be writing). */
export async function isClaimHeld(db: Queryable, claim: Claim): Promise<boolean> {
  const [row] = await db
    .select({ sha256: sha256Claims.sha256 })
    .from(sha256Claims)
    .where(
      and(
        eq(sha256Claims.sha256, claim.sha256),
        eq(sha256Claims.token, claim.token),
        sql`${sha256Claims.expiresAt} > now()`,
      ),
    )
    // In a transaction, keeps the lease from being taken over before it commits.
    .for("update");
  return row !== undefined;
}

function startHeartbeat(db: Queryable, sha256: string, token: string): () => void {
  const timer = setInterval(() => {
    db.update(sha256Claims)
      .set({ expiresAt: sql`now() + ${`${LEASE_MS} milliseconds`}::interval` })
      .where(and(eq(sha256Claims.sha256, sha256), eq(sha256Claims.token, token)))
      // A missed beat is not fatal: the commit checks that the lease is still ours.
      .catch(() => {});
  }, HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

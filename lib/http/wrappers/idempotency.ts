import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { idempotencyKeys } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { statusOf } from "../responses/errors";

/**
 * What is stored for a key: the status and what is needed to answer again, never the answer itself when it holds
 * signed URLs (they expire; a replay a day later must still work). `render` turns it into the response body.
 */
export type StoredResponse = {
  status: number;
  body: unknown;
  /** This answer's body, when the work has it already; only `status` and `body` are stored, to render replays. */
  firstBody?: unknown;
};
export type RenderResponse = (stored: StoredResponse) => Promise<StoredResponse>;
const asStored: RenderResponse = async (stored) => stored;

/** A lib Result as what an idempotency key stores: the value with `status`, or the error envelope. */
export function storedResult<T>(result: Result<T>, status = 200): StoredResponse {
  return result.ok
    ? { status, body: result.value }
    : { status: statusOf(result.error.code), body: { error: result.error } };
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
// A finished answer is replayed for a day; after that the key may be used again.
const RETENTION_MS = 24 * 3600_000;
// A claim whose request has not finished after this long belongs to a request that died (crash, kill).
const CLAIM_LEASE_MS = 2 * 60_000;
const WAIT_FOR_IN_FLIGHT_MS = 25_000;

type Scope = { apiKeyId: string; key: string | null; requestSha256: string };

/**
 * Runs `work` once per (API key, Idempotency-Key). The key is claimed first (an atomic insert), so concurrent
 * requests with one key never run the work twice: a second request with the same body waits for the first answer
 * and replays it; a different body under the key is a conflict. Server errors (5xx) release the claim, so they
 * can be retried. `work` returns what to store; `render` makes the answer from it, the first time and on every
 * replay (fresh signed URLs, current state of the row).
 */
export async function withIdempotency(
  db: Database,
  scope: Scope,
  work: () => Promise<StoredResponse>,
  render: RenderResponse = asStored,
): Promise<Result<StoredResponse & { replayed: boolean }>> {
  const firstAnswer = async (response: StoredResponse) =>
    response.firstBody === undefined
      ? render(response)
      : { status: response.status, body: response.firstBody };
  if (scope.key === null) return ok({ ...(await firstAnswer(await work())), replayed: false });
  if (!KEY_PATTERN.test(scope.key))
    return err("invalid_request", "Idempotency-Key must be 1-255 visible ASCII characters");
  const where = and(eq(idempotencyKeys.apiKeyId, scope.apiKeyId), eq(idempotencyKeys.key, scope.key));
  const deadline = Date.now() + WAIT_FOR_IN_FLIGHT_MS;
  for (let pause = 25; ; pause = Math.min(pause * 2, 500)) {
    if (await claimKey(db, scope)) {
      return ok({ ...(await firstAnswer(await runClaimed(db, where, work))), replayed: false });
    }
    const [previous] = await db.select().from(idempotencyKeys).where(where);
    if (!previous) continue; // released or expired between the insert and this read
    if (previous.requestSha256 !== scope.requestSha256) {
      return err("conflict", "This Idempotency-Key was already used for a different request");
    }
    if (previous.completedAt !== null && previous.responseStatus !== null) {
      const stored = { status: previous.responseStatus, body: previous.responseBody };
      return ok({ ...(await render(stored)), replayed: true });
    }
    if (Date.now() + pause > deadline) {
      return err("conflict", "A request with this Idempotency-Key is still in progress; retry shortly");
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** Inserts the claim, or takes over one that expired (finished a day ago, or left by a request that died). */
async function claimKey(db: Database, scope: Scope): Promise<boolean> {
  const key = scope.key ?? "";
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ apiKeyId: scope.apiKeyId, key, requestSha256: scope.requestSha256 })
    .onConflictDoUpdate({
      target: [idempotencyKeys.apiKeyId, idempotencyKeys.key],
      set: {
        requestSha256: scope.requestSha256,
        responseStatus: null,
        responseBody: null,
        completedAt: null,
        createdAt: sql`now()`,
      },
      setWhere: sql`(${idempotencyKeys.completedAt} is not null and ${idempotencyKeys.completedAt} < now() - ${`${RETENTION_MS} milliseconds`}::interval)
        or (${idempotencyKeys.completedAt} is null and ${idempotencyKeys.createdAt} < now() - ${`${CLAIM_LEASE_MS} milliseconds`}::interval)`,
    })
    .returning({ key: idempotencyKeys.key });
  return claimed.length > 0;
}

async function runClaimed(
  db: Database,
  where: ReturnType<typeof and>,
  work: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  let response: StoredResponse | undefined;
  try {
    response = await work();
    return response;
  } finally {
    if (response && response.status < 500) {
      await db
        .update(idempotencyKeys)
        .set({ responseStatus: response.status, responseBody: response.body, completedAt: sql`now()` })
        .where(and(where, isNull(idempotencyKeys.completedAt)));
    } else {
      await db.delete(idempotencyKeys).where(and(where, isNull(idempotencyKeys.completedAt)));
    }
  }
}

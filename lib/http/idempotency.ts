import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { err, ok, type Result } from "./errors";

export type StoredResponse = { status: number; body: unknown };

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Runs `work` once per (API key, Idempotency-Key): a retry with the same request gets the first response back,
 * the same key with a different request is a conflict. Server errors (5xx) are not stored, so they can be retried.
 */
export async function withIdempotency(
  db: Database,
  scope: { apiKeyId: string; key: string | null; requestSha256: string },
  work: () => Promise<StoredResponse>,
): Promise<Result<StoredResponse & { replayed: boolean }>> {
  if (scope.key === null) return ok({ ...(await work()), replayed: false });
  if (!KEY_PATTERN.test(scope.key))
    return err("invalid_request", "Idempotency-Key must be 1-255 visible ASCII characters");
  const where = and(eq(idempotencyKeys.apiKeyId, scope.apiKeyId), eq(idempotencyKeys.key, scope.key));
  const [previous] = await db.select().from(idempotencyKeys).where(where);
  if (previous) {
    if (previous.requestSha256 !== scope.requestSha256) {
      return err("conflict", "This Idempotency-Key was already used for a different request");
    }
    return ok({ status: previous.responseStatus, body: previous.responseBody, replayed: true });
  }
  const response = await work();
  if (response.status < 500) {
    await db
      .insert(idempotencyKeys)
      .values({
        apiKeyId: scope.apiKeyId,
        key: scope.key,
        requestSha256: scope.requestSha256,
        responseStatus: response.status,
        responseBody: response.body,
      })
      .onConflictDoNothing();
  }
  return ok({ ...response, replayed: false });
}

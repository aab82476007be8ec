import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/enums/api-key-scopes";
import { err, ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";

export type ApiKeyPrincipal = { kind: "api_key"; id: string; name: string; scopes: ApiKeyScope[] };

// Keys read `lbx_<prefix>_<secret>`: the prefix is stored in clear to tell keys apart; only the sha256 of
// the whole key is stored, so a database leak yields no usable key.
const KEY_PATTERN = /^lbx_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
// Writing last_used_at on every request would turn each read into a write; a minute is precise enough.
const LAST_USED_RESOLUTION_MS = 60_000;

const createApiKeySchema = z.object({
  name: storableString().trim().min(1, "name is required").max(100),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "at least one scope is required"),
  expiresAt: z.date().optional(),
  createdBy: storableString().uuid().optional(),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Creates a key and returns its secret — the only time it exists outside the caller's hands. */
export async function createApiKey(db: Queryable, input: CreateApiKeyInput) {
  const { name, scopes, expiresAt, createdBy } = createApiKeySchema.parse(input);
  const prefix = randomBytes(8)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "0")
    .slice(0, 8);
  const key = `lbx_${prefix}_${randomBytes(32).toString("base64url")}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      name,
      prefix,
      secretSha256: hashApiKey(key),
      scopes: [...new Set(scopes)],
      expiresAt,
      createdBy,
    })
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, scopes: apiKeys.scopes });
  if (!row) throw new Error("api key insert returned no row");
  return { ...row, key };
}

/** Resolves `Authorization: Bearer <key>`; unknown, malformed, revoked and expired keys are all `unauthorized`. */
export async function authenticateApiKey(
  db: Queryable,
  key: string,
  clientIp: string | null,
): Promise<Result<ApiKeyPrincipal>> {
  if (!KEY_PATTERN.test(key)) return err("unauthorized", "The API key is malformed");
  const now = new Date();
  const [row] = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      scopes: apiKeys.scopes,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      lastUsedIp: apiKeys.lastUsedIp,
    })
    .from(apiKeys)
    .where(eq(apiKeys.secretSha256, hashApiKey(key)))
    .limit(1);
  if (!row || row.revokedAt) return err("unauthorized", "The API key is unknown or revoked");
  if (row.expiresAt && row.expiresAt <= now) return err("unauthorized", "The API key has expired");
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  // The row just read says whether the stamp is due: most requests of a busy key skip the write, and its round trip.
  const isStampDue = !row.lastUsedAt || row.lastUsedAt < staleBefore || row.lastUsedIp !== clientIp;
  if (isStampDue) {
    // The same conditions again in SQL: concurrent requests of one key write the stamp once, and an address that
    // only reads differently (Postgres normalises inet) is compared by Postgres.
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now, lastUsedIp: clientIp })
      .where(
        and(
          eq(apiKeys.id, row.id),
          or(
            isNull(apiKeys.lastUsedAt),
            lt(apiKeys.lastUsedAt, staleBefore),
            sql`${apiKeys.lastUsedIp} is distinct from ${clientIp}::inet`,
          ),
        ),
      );
  }
  return ok({ kind: "api_key", id: row.id, name: row.name, scopes: row.scopes });
}

/** The admin scope includes every other scope. */
export function hasScope(principal: ApiKeyPrincipal, scope: ApiKeyScope): boolean {
  return principal.scopes.includes(scope) || principal.scopes.includes("admin");
}

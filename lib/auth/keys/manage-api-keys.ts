import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema";
import { API_KEY_SCOPES } from "@/lib/enums/api-key-scopes";
import { err, ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";
import { type AuditActor, recordAuditEvent } from "../audit";
import { lockCredentialRow } from "../credential-fence";
import { createApiKey } from "./api-keys";

export const issueApiKeySchema = z.object({
  name: storableString().trim().min(1, "Give the key a name").max(100),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "Choose at least one scope"),
  expiresInDays: z.coerce.number().int().min(1).max(3650).optional(),
});
export type IssueApiKeyInput = z.output<typeof issueApiKeySchema>;

export async function listApiKeys(db: Database) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      expiresAt: apiKeys.expiresAt,
      lastUsedAt: apiKeys.lastUsedAt,
      lastUsedIp: apiKeys.lastUsedIp,
      revokedAt: apiKeys.revokedAt,
      createdAt: apiKeys.createdAt,
    })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt));
}

/**
 * The one audited way to create a key: the admin page (the admin as actor) and `cli keys create` (no actor) both
 * come here. The secret is in the result only, never stored or logged.
 */
export async function issueApiKey(db: Database, actor: AuditActor, input: IssueApiKeyInput) {
  return db.transaction(async (tx) => {
    const created = await createApiKey(tx, {
      name: input.name,
      scopes: input.scopes,
      createdBy: actor.userId,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : undefined,
    });
    await recordAuditEvent(tx, {
      actor,
      action: "api_key.create",
      targetType: "api_key",
      targetId: created.id,
      details: { name: created.name, prefix: created.prefix, scopes: created.scopes },
    });
    return created;
  });
}

/**
 * Revokes a key (by id from the admin page, by prefix from `cli keys revoke`; the CLI has no actor). Requests of the
 * key that are writing finish first, and none writes after this commits (lib/auth/credential-fence.ts).
 */
export async function revokeApiKey(
  db: Database,
  actor: AuditActor,
  key: { id: string } | { prefix: string },
): Promise<Result<{ prefix: string }>> {
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where("id" in key ? eq(apiKeys.id, key.id) : eq(apiKeys.prefix, key.prefix));
    if (!target || !(await lockCredentialRow(tx, { apiKeyId: target.id }))) {
      return err("not_found", "No such active key");
    }
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, target.id), isNull(apiKeys.revokedAt)))
      .returning({ prefix: apiKeys.prefix });
    if (!revoked) return err("not_found", "No such active key");
    await recordAuditEvent(tx, {
      actor,
      action: "api_key.revoke",
      targetType: "api_key",
      targetId: target.id,
      details: { prefix: revoked.prefix },
    });
    return ok(revoked);
  });
}

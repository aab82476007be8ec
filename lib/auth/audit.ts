import "server-only";
import type { Queryable } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";

export type AuditActor = { userId?: string; apiKeyId?: string };

/** Appends one admin action to the audit log (role changes, keys, purges…): who, what, to what, when. */
export async function recordAuditEvent(
  db: Queryable,
  event: {
    actor: AuditActor;
    action: string;
    targetType: string;
    targetId?: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditEvents).values({
    actorUserId: event.actor.userId ?? null,
    actorApiKeyId: event.actor.apiKeyId ?? null,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId ?? null,
    details: event.details ?? {},
  });
}

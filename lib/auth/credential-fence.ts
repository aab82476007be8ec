import "server-only";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import type { FenceCheck } from "@/lib/db/request-fence";
import { apiKeys, users } from "@/lib/db/schema";
import { hasRole, type UserRole } from "@/lib/enums/roles";
import { ThrownAppError } from "@/lib/result";

// The checks lib/db/request-fence.ts runs first in every transaction of a request. Each locks the credential's row
// FOR KEY SHARE (it reads the row as the last committed write left it), so whatever withdraws a credential must
// lock that row FOR UPDATE before it changes it: lockCredentialRow. A plain UPDATE (the last-used stamp, a user's
// preferences) does not conflict with FOR KEY SHARE, so those never wait for a request in flight.

/** The API key a request came in with: not revoked and not expired where the request writes. */
export function apiKeyFence(keyId: string): FenceCheck {
  return async (tx) => {
    const [key] = await tx
      .select({ revokedAt: apiKeys.revokedAt, expiresAt: apiKeys.expiresAt })
      .from(apiKeys)
      .where(eq(apiKeys.id, keyId))
      .for("key share");
    if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= new Date())) {
      throw new ThrownAppError({
        code: "unauthorized",
        message: "The API key was revoked or expired while this request ran; its change was not saved",
      });
    }
  };
}

/**
 * The signed-in user a request came in as: still enabled, still the same session (no sign-out everywhere or
 * password change since), and, for a door that names a role, still holding it with no password change pending.
 */
export function sessionFence(
  user: { id: string; sessionVersion: number },
  role: UserRole | null,
): FenceCheck {
  return async (tx) => {
    const [row] = await tx
      .select({
        role: users.role,
        disabledAt: users.disabledAt,
        sessionVersion: users.sessionVersion,
        mustChangePassword: users.mustChangePassword,
      })
      .from(users)
      .where(eq(users.id, user.id))
      .for("key share");
    if (!row || row.disabledAt || row.sessionVersion !== user.sessionVersion) {
      throw new ThrownAppError({
        code: "unauthorized",
        message: "Your session ended while this request ran; sign in again (the change was not saved)",
      });
    }
    if (role && (row.mustChangePassword || !hasRole(row.role, role))) {
      throw new ThrownAppError({
        code: "forbidden",
        message: `This needs the ${role} role, which your account no longer has (the change was not saved)`,
      });
    }
  };
}

/** Before withdrawing a credential: waits for the fenced writes in flight, and makes new ones wait for this one. */
export async function lockCredentialRow(
  tx: Queryable,
  credential: { apiKeyId: string } | { userId: string },
) {
  if ("apiKeyId" in credential) {
    const [key] = await tx
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.id, credential.apiKeyId))
      .for("update");
    return key !== undefined;
  }
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.id, credential.userId))
    .for("update");
  return user !== undefined;
}

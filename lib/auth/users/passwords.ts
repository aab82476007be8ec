import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { userInvites, users } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { lockCredentialRow } from "../credential-fence";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "../passwords/password";
import { hashInviteToken } from "./manage-users";

const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, "Use at most 200 characters");

/**
 * Sets a new password after checking the current one. Every session of the user ends (the new password must be
 * used to sign in again), which also clears a "must change password" first sign-in.
 */
export async function changePassword(
  db: Database,
  userId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<Result<void>> {
  const parsed = newPasswordSchema.safeParse(input.newPassword);
  if (!parsed.success) return err("invalid_request", parsed.error.issues[0]?.message ?? "Invalid password");
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return err("unauthorized", "The current password is wrong");
  }
  if (input.currentPassword === input.newPassword)
    return err("invalid_request", "Choose a password different from the current one");
  const passwordHash = await hashPassword(parsed.data);
  return db.transaction(async (tx) => {
    // Locked first: the sessions this change ends finish their writes before it, and none writes after it. The
    // hash must still be the one verified: of two changes racing from one old password, one wins.
    await lockCredentialRow(tx, { userId });
    const [changed] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, userId), eq(users.passwordHash, user.passwordHash ?? "")))
      .returning({ id: users.id });
    return changed ? ok(undefined) : err("unauthorized", "The current password is wrong");
  });
}

/** The invited user behind a still-valid one-time token, or null. */
export async function findOpenInvite(db: Database, token: string) {
  const [invite] = await db
    .select({ userId: userInvites.userId, email: users.email })
    .from(userInvites)
    .innerJoin(users, eq(users.id, userInvites.userId))
    .where(
      and(
        eq(userInvites.tokenSha256, hashInviteToken(token)),
        isNull(userInvites.usedAt),
        gt(userInvites.expiresAt, new Date()),
      ),
    );
  return invite ?? null;
}

/** Uses the invitation once: sets the password and burns the token. */
export async function acceptInvite(
  db: Database,
  token: string,
  newPassword: string,
): Promise<Result<{ email: string }>> {
  const parsed = newPasswordSchema.safeParse(newPassword);
  if (!parsed.success) return err("invalid_request", parsed.error.issues[0]?.message ?? "Invalid password");
  const passwordHash = await hashPassword(parsed.data);
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .update(userInvites)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(userInvites.tokenSha256, hashInviteToken(token)),
          isNull(userInvites.usedAt),
          gt(userInvites.expiresAt, new Date()),
        ),
      )
      .returning({ userId: userInvites.userId });
    if (!invite) return err("not_found", "This invitation link is invalid, used or expired");
    const [user] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false })
      .where(eq(users.id, invite.userId))
      .returning({ email: users.email });
    return ok({ email: user?.email ?? "" });
  });
}

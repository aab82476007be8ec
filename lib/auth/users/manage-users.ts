import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, count, eq, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { userInvites, users } from "@/lib/db/schema";
import { type SessionUser, USER_ROLES, type UserRole } from "@/lib/enums/roles";
import { err, ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";
import { recordAuditEvent } from "../audit";
import { lockCredentialRow } from "../credential-fence";

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

export const createUserSchema = z.object({
  email: z.email("Enter a valid e-mail address").max(320),
  name: storableString().trim().max(200).optional(),
  role: z.enum(USER_ROLES),
});
export type CreateUserInput = z.output<typeof createUserSchema>;

export const hashInviteToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function listUsers(db: Database) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(asc(users.createdAt));
}

/** Creates an account without a password and returns a one-time invitation token (7 days) to set one. */
export async function createUserWithInvite(
  db: Database,
  actor: SessionUser,
  input: CreateUserInput,
): Promise<Result<{ userId: string; inviteToken: string }>> {
  const token = randomBytes(24).toString("base64url");
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name || null, role: input.role })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) return err("conflict", `A user with the e-mail ${input.email} already exists`);
    await tx.insert(userInvites).values({
      tokenSha256: hashInviteToken(token),
      userId: user.id,
      createdBy: actor.id,
      expiresAt: new Date(Date.now() + INVITE_TTL_MS),
    });
    await recordAuditEvent(tx, {
      actor: { userId: actor.id },
      action: "user.create",
      targetType: "user",
      targetId: user.id,
      details: { email: input.email, role: input.role },
    });
    return ok({ userId: user.id, inviteToken: token });
  });
}

/** Changes a role; the last active admin cannot be demoted (someone must be able to manage the library). */
export async function changeUserRole(
  db: Database,
  actor: SessionUser,
  userId: string,
  role: UserRole,
): Promise<Result<void>> {
  return db.transaction(async (tx) => {
    // FOR UPDATE: the user's requests that are writing finish first, and none writes after this under the old
    // role (lib/auth/credential-fence.ts).
    const [target] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!target) return err("not_found", "No such user");
    if (target.role === "admin" && role !== "admin" && (await countOtherActiveAdmins(tx, userId)) === 0) {
      return err("conflict", "The last admin cannot be demoted");
    }
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await recordAuditEvent(tx, {
      actor: { userId: actor.id },
      action: "user.role_change",
      targetType: "user",
      targetId: userId,
      details: { from: target.role, to: role },
    });
    return ok(undefined);
  });
}

/** Disabling also voids every session of the user at once. */
export async function setUserDisabled(
  db: Database,
  actor: SessionUser,
  userId: string,
  disabled: boolean,
): Promise<Result<void>> {
  if (userId === actor.id && disabled) return err("conflict", "You cannot disable your own account");
  return db.transaction(async (tx) => {
    await lockCredentialRow(tx, { userId });
    const [updated] = await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (!updated) return err("not_found", "No such user");
    await recordAuditEvent(tx, {
      actor: { userId: actor.id },
      action: disabled ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: userId,
    });
    return ok(undefined);
  });
}

/** Voids every session of this user, this one included. */
export async function signOutEverywhere(db: Database, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockCredentialRow(tx, { userId });
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
  });
}

async function countOtherActiveAdmins(
  tx: Parameters<Parameters<Database["transaction"]>[0]>[0],
  userId: string,
) {
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, userId)));
  return row?.n ?? 0;
}

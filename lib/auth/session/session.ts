import "server-only";
import { eq } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { Session } from "next-auth";
import { cache } from "react";
import { getDb } from "@/lib/db/get-db";
import { users } from "@/lib/db/schema";
import { hasRole, type SessionUser, type UserRole } from "@/lib/enums/roles";
import { err, ok, type Result } from "@/lib/result";
import { auth } from "./auth";
import { createSessionMemo, sessionCookieKey } from "./session-memo";

// A reviewer's requests come seconds apart; a minute covers a working stretch, a few thousand entries a large team.
const decodedSessions = createSessionMemo<Session | null>({ ttlMs: 60_000, maxEntries: 5000 });

/** The session the request's cookie holds (decoded once per cookie value, see session-memo.ts); null when none. */
async function readSession() {
  const key = sessionCookieKey((await cookies()).getAll());
  return key ? decodedSessions.read(key, () => auth()) : null;
}

/**
 * The signed-in user, checked against the database (disabled, role, session version); null when anonymous.
 * Memoised per request: the layout and the page both ask, and one cookie decode and one query answer both.
 */
export const findSessionUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await readSession();
  const id = session?.user?.id;
  if (!id) return null;
  const [user] = await getDb().select().from(users).where(eq(users.id, id));
  if (!user || user.disabledAt || user.sessionVersion !== session.sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    sessionVersion: user.sessionVersion,
  };
});

/** The signed-in user and the session version it was read with (a door's fence re-checks it where it writes). */
export type SignedInUser = SessionUser & { sessionVersion: number };

const PASSWORD_CHANGE_FIRST = "Change your password first";

/**
 * The one policy for every session door (pages, server actions, cookie routes), checked in this order: signed in,
 * no password change pending (the printed first password opens nothing but the password page), role.
 */
function checkSessionUser(user: SignedInUser | null, role: UserRole): Result<SignedInUser> {
  if (!user) return err("unauthorized", "Your session has ended; sign in again");
  if (user.mustChangePassword) return err("forbidden", PASSWORD_CHANGE_FIRST);
  if (!hasRole(user.role, role)) return err("forbidden", `This needs the ${role} role`);
  return ok(user);
}

/**
 * For pages: anonymous → the sign-in page (coming back here after), a password that must change → the password
 * page, too low a role → 403.
 */
export async function requireUser(
  role: UserRole,
  options: { allowPasswordChange?: boolean } = {},
): Promise<SessionUser> {
  const user = await findSessionUser();
  if (!user) {
    const path = (await headers()).get("x-pathname") ?? "/";
    redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  }
  const access = checkSessionUser(
    options.allowPasswordChange ? { ...user, mustChangePassword: false } : user,
    role,
  );
  if (!access.ok && access.error.message === PASSWORD_CHANGE_FIRST) redirect("/account/password");
  if (!access.ok) forbidden();
  return user;
}

/** For server actions and cookie routes: the same checks as typed errors, so the caller can say what is wrong. */
export async function requireActionUser(role: UserRole): Promise<Result<SignedInUser>> {
  return checkSessionUser(await findSessionUser(), role);
}

import "server-only";
import type { SessionUser, UserRole } from "@/lib/auth/roles";
import { findSessionUser, requireActionUser } from "@/lib/auth/session";
import { err, ok, type Result } from "@/lib/result";

/**
 * Who may come through a session door: at least this role (signed in, no password change pending); `self`, any
 * signed-in user acting on their own account (the password page, which a pending change must still reach); or
 * `public`, anyone (signing in, accepting an invitation), with no session looked up.
 */
export type SessionAccess = UserRole | "self" | "public";
export type SessionUserFor<A extends SessionAccess> = A extends "public" ? null : SessionUser;

export async function checkSessionAccess<A extends SessionAccess>(
  access: A,
): Promise<Result<SessionUserFor<A>>> {
  if (access === "public") return ok(null as SessionUserFor<A>);
  if (access !== "self") return (await requireActionUser(access as UserRole)) as Result<SessionUserFor<A>>;
  const user = await findSessionUser();
  return user ? ok(user as SessionUserFor<A>) : err("unauthorized", "Your session has ended; sign in again");
}

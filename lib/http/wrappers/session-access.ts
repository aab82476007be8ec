import "server-only";
import { sessionFence } from "@/lib/auth/credential-fence";
import { findSessionUser, requireActionUser, type SignedInUser } from "@/lib/auth/session/session";
import { runFenced } from "@/lib/db/request-fence";
import type { UserRole } from "@/lib/enums/roles";
import { err, ok, type Result } from "@/lib/result";

/**
 * Who may come through a session door: at least this role (signed in, no password change pending); `self`, any
 * signed-in user acting on their own account (the password page, which a pending change must still reach); or
 * `public`, anyone (signing in, accepting an invitation), with no session looked up.
 */
export type SessionAccess = UserRole | "self" | "public";
export type SessionUserFor<A extends SessionAccess> = A extends "public" ? null : SignedInUser;

export async function checkSessionAccess<A extends SessionAccess>(
  access: A,
): Promise<Result<SessionUserFor<A>>> {
  if (access === "public") return ok(null as SessionUserFor<A>);
  if (access !== "self") return (await requireActionUser(access as UserRole)) as Result<SessionUserFor<A>>;
  const user = await findSessionUser();
  return user ? ok(user as SessionUserFor<A>) : err("unauthorized", "Your session has ended; sign in again");
}

/**
 * Runs a session door's work under the fence of the user it let in (lib/db/request-fence.ts): every write re-checks,
 * where it commits, that the user is still enabled, still in this session and still holds the door's role.
 */
export function underSessionFence<T>(
  access: SessionAccess,
  user: SignedInUser | null,
  work: () => Promise<T>,
): Promise<T> {
  if (!user || access === "public") return work();
  return runFenced(sessionFence(user, access === "self" ? null : access), work);
}

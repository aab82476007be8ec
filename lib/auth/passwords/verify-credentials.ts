import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/enums/roles";
import { err, ok, type Result } from "@/lib/result";
import { recordLoginAttempt, secondsUntilLoginAllowed } from "./login-rate-limit";
import { hashPassword, verifyPassword } from "./password";

// Verifying against a real hash when the account does not exist keeps the answer time the same, so timing does
// not reveal which e-mail addresses have accounts.
const decoyHash = hashPassword("decoy-password-for-unknown-accounts");

export const WRONG_CREDENTIALS = "The e-mail or password is wrong";

/**
 * E-mail + password sign-in with rate limits per account and per address. Every failure gets the same
 * non-revealing answer; a rate-limited attempt says when to try again.
 */
export async function verifyCredentials(
  db: Database,
  input: { email: string; password: string; ip: string | null; now?: Date; windowSeconds: number },
): Promise<Result<SessionUser & { sessionVersion: number }>> {
  const now = input.now ?? new Date();
  const email = input.email.trim();
  const wait = await secondsUntilLoginAllowed(db, {
    email,
    ip: input.ip,
    now,
    windowSeconds: input.windowSeconds,
  });
  if (wait > 0) {
    return err("rate_limited", `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s).`, {
      retry_after_seconds: wait,
    });
  }
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  const isValid = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password);
  const succeeded = Boolean(user?.passwordHash) && isValid && !user?.disabledAt;
  await recordLoginAttempt(db, { email, ip: input.ip, succeeded, now });
  if (!succeeded || !user) return err("unauthorized", WRONG_CREDENTIALS);
  return ok({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    sessionVersion: user.sessionVersion,
  });
}

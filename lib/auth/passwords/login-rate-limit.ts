import "server-only";
import { and, count, eq, gt, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { loginAttempts } from "@/lib/db/schema";

export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_IP = 50;

/** Seconds until sign-in is allowed again for this account and address; 0 when allowed now. */
export async function secondsUntilLoginAllowed(
  db: Queryable,
  attempt: { email: string; ip: string | null; now: Date; windowSeconds: number },
): Promise<number> {
  const since = new Date(attempt.now.getTime() - attempt.windowSeconds * 1000);
  const failed = and(eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since));
  const blockedUntil = async (scope: ReturnType<typeof eq>, limit: number) => {
    const [row] = await db
      .select({ failures: count(), oldest: sql<string | null>`min(${loginAttempts.createdAt})` })
      .from(loginAttempts)
      .where(and(failed, scope));
    if (!row || row.failures < limit || !row.oldest) return 0;
    return Math.ceil(
      (new Date(row.oldest).getTime() + attempt.windowSeconds * 1000 - attempt.now.getTime()) / 1000,
    );
  };
  const byAccount = await blockedUntil(
    eq(sql`lower(${loginAttempts.email})`, attempt.email.toLowerCase()),
    MAX_FAILURES_PER_ACCOUNT,
  );
  const byIp = attempt.ip ? await blockedUntil(eq(loginAttempts.ip, attempt.ip), MAX_FAILURES_PER_IP) : 0;
  return Math.max(byAccount, byIp, 0);
}

export async function recordLoginAttempt(
  db: Queryable,
  attempt: { email: string; ip: string | null; succeeded: boolean; now: Date },
): Promise<void> {
  await db.insert(loginAttempts).values({
    email: attempt.email.toLowerCase(),
    ip: attempt.ip,
    succeeded: attempt.succeeded,
    createdAt: attempt.now,
  });
}

import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

/** The active user an OAuth identity maps to, by e-mail; null for strangers (no self sign-up). */
export async function findUserForOAuth(db: Queryable, email: string | null) {
  if (!email) return null;
  const [user] = await db
    .select({ id: users.id, sessionVersion: users.sessionVersion })
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, email.toLowerCase()), isNull(users.disabledAt)));
  return user ?? null;
}

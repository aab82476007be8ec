import "server-only";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { hashPassword } from "../passwords/password";

const FIRST_ADMIN_EMAIL = "admin@lightbox.local";

/**
 * Creates the first admin when no admin exists yet and returns its one-time credentials; null when there is
 * already an admin. The password is random, shown once, and must be changed at first sign-in.
 */
export async function createFirstAdmin(db: Database): Promise<{ email: string; password: string } | null> {
  const password = randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // Serialise concurrent first starts so exactly one admin is created.
    await tx.execute(sql`select pg_advisory_xact_lock(7140002)`);
    const existing = await tx.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
    if (existing.length > 0) return null;
    await tx.insert(users).values({
      email: FIRST_ADMIN_EMAIL,
      name: "Admin",
      role: "admin",
      passwordHash,
      mustChangePassword: true,
    });
    return { email: FIRST_ADMIN_EMAIL, password };
  });
}

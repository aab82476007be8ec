import "server-only";
import { eq } from "drizzle-orm";
import { cache } from "react";
import type { Queryable } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { parseUserPreferences, type UserPreferences } from "./user-preferences";

/** The user's display choices, defaults for anyone signed out; memoised per request (layout and page both ask). */
export const findUserPreferences = cache(
  async (db: Queryable, userId: string | null): Promise<UserPreferences> => {
    if (!userId) return parseUserPreferences({});
    const [row] = await db.select({ preferences: users.preferences }).from(users).where(eq(users.id, userId));
    return parseUserPreferences(row?.preferences);
  },
);

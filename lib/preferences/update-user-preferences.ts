import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { fencedWrite } from "@/lib/db/request-fence";
import { users } from "@/lib/db/schema";
import { ok, type Result } from "@/lib/result";
import { parseUserPreferences, type UserPreferences, type UserPreferencesPatch } from "./user-preferences";

/** Merges the patch into the stored choices in one statement, so two tabs changing different keys both win. */
export async function updateUserPreferences(
  db: Queryable,
  userId: string,
  patch: UserPreferencesPatch,
): Promise<Result<UserPreferences>> {
  const [row] = await fencedWrite(db, (q) =>
    q
      .update(users)
      .set({ preferences: sql`${users.preferences} || ${JSON.stringify(patch)}::jsonb` })
      .where(eq(users.id, userId))
      .returning({ preferences: users.preferences }),
  );
  return ok(parseUserPreferences(row?.preferences));
}

"use server";

import { signOut } from "@/lib/auth/auth";
import { requireActionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { type ActionResult, runAction } from "@/lib/http/action-result";
import { updateUserPreferences } from "@/lib/preferences/update-user-preferences";
import { type UserPreferences, userPreferencesPatchSchema } from "@/lib/preferences/user-preferences";

// Ends the caller's own session only; needs no role (an anonymous call just lands on the sign-in page).
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

/** The caller's own display choices (theme, grid, review flow): always the caller's row, never another user's. */
export async function updatePreferencesAction(input: unknown): Promise<ActionResult<UserPreferences>> {
  return runAction("updatePreferences", async () => {
    const user = await requireActionUser("viewer");
    if (!user.ok) return user;
    return updateUserPreferences(getDb(), user.value.id, userPreferencesPatchSchema.parse(input));
  });
}

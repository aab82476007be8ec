"use server";

import { signOut } from "@/lib/auth/session/auth";
import { action, formAction } from "@/lib/http/wrappers/server-action";
import { updateUserPreferences } from "@/lib/preferences/update-user-preferences";
import { userPreferencesPatchSchema } from "@/lib/preferences/user-preferences";

// Ends the caller's own session only; needs no role (an anonymous call just lands on the sign-in page).
export const signOutAction = formAction({ name: "signOut", access: "public" }, async () => {
  await signOut({ redirectTo: "/sign-in" });
  return { ok: true, value: undefined };
});

/** The caller's own display choices (theme, grid, review flow): always the caller's row, never another user's. */
export const updatePreferencesAction = action(
  { name: "updatePreferences", access: "viewer", input: userPreferencesPatchSchema },
  async ({ ctx, user, input }) => updateUserPreferences(ctx.db, user.id, input),
);

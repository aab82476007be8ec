"use server";

import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/session/auth";
import { signOutEverywhere } from "@/lib/auth/users/manage-users";
import { changePassword } from "@/lib/auth/users/passwords";
import { formAction, stateAction } from "@/lib/http/wrappers/server-action";
import { ok } from "@/lib/result";

const changePasswordSchema = z
  .object({
    currentPassword: z.string().max(200),
    newPassword: z.string().max(200),
    confirmPassword: z.string().max(200),
  })
  .refine((input) => input.newPassword === input.confirmPassword, {
    message: "The new passwords differ",
    path: ["confirmPassword"],
  });

// Any signed-in user, including one who must change the printed first password (hence `self`, not a role).
export const changePasswordAction = stateAction(
  { name: "changePassword", access: "self", input: changePasswordSchema },
  async ({ ctx, user, input }) => {
    const changed = await changePassword(ctx.db, user.id, input);
    if (!changed.ok) return changed;
    // The change ended every session; this one continues at once with the new password (no second sign-in).
    try {
      await signIn("credentials", { email: user.email, password: input.newPassword, redirectTo: "/" });
    } catch (error) {
      unstable_rethrow(error);
    }
    // Signing in again was refused (the account is rate-limited): the new password works once it lifts.
    await signOut({ redirectTo: "/sign-in?notice=changed" });
    return ok(undefined);
  },
);

// Any signed-in user, for their own sessions only; anonymous callers just land on the sign-in page.
export const signOutEverywhereAction = formAction(
  { name: "signOutEverywhere", access: "self" },
  async ({ ctx, user }) => {
    await signOutEverywhere(ctx.db, user.id);
    await signOut({ redirectTo: "/sign-in?notice=signedout" });
    return ok(undefined);
  },
);

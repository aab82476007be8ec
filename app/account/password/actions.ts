"use server";

import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/auth";
import { signOutEverywhere } from "@/lib/auth/manage-users";
import { changePassword } from "@/lib/auth/passwords";
import { findSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { type ActionResult, asFormData, runAction } from "@/lib/http/action-result";
import { err } from "@/lib/result";

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

// Any signed-in user, including one who must change the printed first password (so not requireActionUser).
export async function changePasswordAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  let changed: { email: string; password: string } | undefined;
  const result = await runAction("changePassword", async () => {
    const user = await findSessionUser();
    if (!user) return err("unauthorized", "Your session has ended; sign in again");
    const input = changePasswordSchema.parse(Object.fromEntries(asFormData(form)));
    const outcome = await changePassword(getDb(), user.id, input);
    if (outcome.ok) changed = { email: user.email, password: input.newPassword };
    return outcome;
  });
  if (!changed) return result;
  // The change ended every session; this one continues at once with the new password (no second sign-in).
  try {
    await signIn("credentials", { ...changed, redirectTo: "/" });
  } catch (error) {
    unstable_rethrow(error);
  }
  // Signing in again was refused (the account is rate-limited): the new password works once it lifts.
  await signOut({ redirectTo: "/sign-in?notice=changed" });
  return result;
}

// Any signed-in user, for their own sessions only; anonymous callers just land on the sign-in page.
export async function signOutEverywhereAction(): Promise<void> {
  const user = await findSessionUser();
  if (user) await signOutEverywhere(getDb(), user.id);
  await signOut({ redirectTo: user ? "/sign-in?notice=signedout" : "/sign-in" });
}

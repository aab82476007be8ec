"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { acceptInvite } from "@/lib/auth/passwords";
import { getDb } from "@/lib/db";
import { type ActionResult, asFormData, runAction } from "@/lib/http/action-result";

const acceptSchema = z
  .object({
    token: z.string().min(10).max(100),
    newPassword: z.string().max(200),
    confirmPassword: z.string().max(200),
  })
  .refine((input) => input.newPassword === input.confirmPassword, {
    message: "The passwords differ",
    path: ["confirmPassword"],
  });

// Anonymous by design: the one-time invitation token is the credential, checked and burnt by acceptInvite.
export async function acceptInviteAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const result = await runAction("acceptInvite", async () => {
    const input = acceptSchema.parse(Object.fromEntries(asFormData(form)));
    return acceptInvite(getDb(), input.token, input.newPassword);
  });
  if (result.ok) redirect("/sign-in?notice=invited");
  return result.ok ? { ok: true, data: undefined } : result;
}

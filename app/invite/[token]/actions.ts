"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { acceptInvite } from "@/lib/auth/passwords";
import { getDb } from "@/lib/db";
import { stateAction } from "@/lib/http/server-action";

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
export const acceptInviteAction = stateAction(
  { name: "acceptInvite", access: "public", input: acceptSchema },
  async ({ input }) => {
    const accepted = await acceptInvite(getDb(), input.token, input.newPassword);
    if (accepted.ok) redirect("/sign-in?notice=invited");
    return accepted;
  },
);

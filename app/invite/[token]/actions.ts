"use server";

import { redirect } from "next/navigation";
import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth/session/auth";
import { acceptInvite } from "@/lib/auth/users/passwords";
import { stateAction } from "@/lib/http/wrappers/server-action";

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

// Anonymous by design: the one-time invitation token is the credential, checked and burnt by acceptInvite. The
// new user is signed in with the password they just chose (Auth.js answers with the redirect into the app).
export const acceptInviteAction = stateAction(
  { name: "acceptInvite", access: "public", input: acceptSchema },
  async ({ ctx, input }) => {
    const accepted = await acceptInvite(ctx.db, input.token, input.newPassword);
    if (!accepted.ok) return accepted;
    try {
      await signIn("credentials", {
        email: accepted.value.email,
        password: input.newPassword,
        redirectTo: "/",
      });
    } catch (error) {
      // A sign-in refused now (a rate limit on this address) still leaves the password set: sign in by hand.
      if (!(error instanceof CredentialsSignin)) throw error;
    }
    redirect("/sign-in?notice=invited");
  },
);

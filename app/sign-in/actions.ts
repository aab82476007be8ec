"use server";

import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { WRONG_CREDENTIALS } from "@/lib/auth/passwords/verify-credentials";
import { signIn } from "@/lib/auth/session/auth";
import { safeRedirectPath } from "@/lib/auth/session/safe-redirect";
import { getConfig } from "@/lib/config";
import { formAction, stateAction } from "@/lib/http/wrappers/server-action";
import { err, ok } from "@/lib/result";

const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your e-mail").max(320),
  password: z.string().min(1, "Enter your password").max(200),
  next: z.string().optional(),
});

// Public by design: this is how anonymous people become signed in. Rate limits (per account, per address) and
// Auth.js' CSRF protection guard it. Success is a redirect (Auth.js throws it; the request policy passes it on).
export const signInAction = stateAction(
  { name: "signIn", access: "public", input: signInSchema },
  async ({ input }) => {
    try {
      await signIn("credentials", {
        email: input.email,
        password: input.password,
        redirectTo: safeRedirectPath(input.next, getConfig().appUrl),
      });
      return ok(undefined);
    } catch (error) {
      if (!(error instanceof CredentialsSignin)) throw error;
      if (error.code !== "wrong_credentials") return err("rate_limited", error.code);
      return err("unauthorized", WRONG_CREDENTIALS);
    }
  },
);

// Public as well: starts an OAuth round trip with a provider the deployment configured.
export const signInWithProviderAction = formAction(
  {
    name: "signInWithProvider",
    access: "public",
    input: z.object({ provider: z.enum(["github", "google"]), next: z.string().max(2000).default("") }),
  },
  async ({ input }) => {
    await signIn(input.provider, { redirectTo: safeRedirectPath(input.next, getConfig().appUrl) });
    return ok(undefined);
  },
);

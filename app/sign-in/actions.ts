"use server";

import { unstable_rethrow } from "next/navigation";
import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth/auth";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { WRONG_CREDENTIALS } from "@/lib/auth/verify-credentials";
import { getConfig } from "@/lib/config";
import { type ActionResult, asFormData } from "@/lib/http/action-result";

const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your e-mail").max(320),
  password: z.string().min(1, "Enter your password").max(200),
  next: z.string().optional(),
});

// Public by design: this is how anonymous people become signed in. Rate limits (per account, per address) and
// Auth.js' CSRF protection guard it.
export async function signInAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = signInSchema.safeParse(Object.fromEntries(asFormData(form)));
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: "invalid_request", message: parsed.error.issues[0]?.message ?? "Invalid input" },
    };
  }
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeRedirectPath(parsed.data.next, getConfig().appUrl),
    });
    return { ok: true, data: undefined };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof CredentialsSignin && error.code !== "wrong_credentials") {
      return { ok: false, error: { code: "rate_limited", message: error.code } };
    }
    return { ok: false, error: { code: "unauthorized", message: WRONG_CREDENTIALS } };
  }
}

// Public as well: starts an OAuth round trip with a provider the deployment configured.
export async function signInWithProviderAction(form: FormData): Promise<void> {
  const provider = z.enum(["github", "google"]).parse(asFormData(form).get("provider"));
  const next = String(asFormData(form).get("next") ?? "");
  await signIn(provider, { redirectTo: safeRedirectPath(next, getConfig().appUrl) });
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/form-controls";
import { safeRedirectPath } from "@/lib/auth/session/safe-redirect";
import { findSessionUser } from "@/lib/auth/session/session";
import { getConfig } from "@/lib/config";
import { signInWithProviderAction } from "./actions";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  changed: "Your password was changed. Sign in with the new one.",
  invited: "Your password is set. Sign in to continue.",
  signedout: "You were signed out everywhere.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const { auth, appUrl } = getConfig();
  const next = safeRedirectPath(params.next, appUrl);
  if (await findSessionUser()) redirect(next);
  const providers = [auth.github && "github", auth.google && "google"].filter(
    (provider): provider is string => Boolean(provider),
  );
  const notice = params.notice ? NOTICES[params.notice] : undefined;
  return (
    <section className="mx-auto mt-16 max-w-sm space-y-6">
      <h1 className="text-2xl font-semibold">Sign in to Lightbox</h1>
      {notice ? <p className="rounded-md bg-emerald-950 p-3 text-sm text-emerald-300">{notice}</p> : null}
      {params.error === "AccessDenied" ? (
        <p role="alert" className="text-sm text-red-400">
          That account is not invited to this Lightbox. Ask an admin.
        </p>
      ) : null}
      <SignInForm next={next} />
      {providers.map((provider) => (
        <form key={provider} action={signInWithProviderAction}>
          <input type="hidden" name="provider" value={provider} />
          <input type="hidden" name="next" value={next} />
          <Button type="submit" variant="secondary" className="w-full capitalize">
            Continue with {provider}
          </Button>
        </form>
      ))}
    </section>
  );
}

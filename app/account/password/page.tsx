import type { Metadata } from "next";
import { Button } from "@/components/ui/form-controls";
import { requireUser } from "@/lib/auth/session/session";
import { signOutEverywhereAction } from "./actions";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Password" };

export default async function PasswordPage() {
  const user = await requireUser("viewer", { allowPasswordChange: true });
  return (
    <section className="mx-auto mt-10 max-w-sm space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Password</h1>
        {user.mustChangePassword ? (
          <p role="status" className="rounded-md bg-amber-950 p-3 text-sm text-amber-300">
            You signed in with a printed password. Choose your own before continuing.
          </p>
        ) : null}
        <p className="text-sm text-neutral-400">
          Signed in as {user.email}. Changing the password signs you out everywhere.
        </p>
      </div>
      <ChangePasswordForm />
      <form action={signOutEverywhereAction}>
        <Button type="submit" variant="secondary">
          Sign out everywhere
        </Button>
      </form>
    </section>
  );
}

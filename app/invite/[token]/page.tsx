import type { Metadata } from "next";
import { findOpenInvite } from "@/lib/auth/users/passwords";
import { getDb } from "@/lib/db/get-db";
import { AcceptInviteForm } from "./accept-invite-form";

export const metadata: Metadata = { title: "Invitation" };

// Public: the token in the URL is the credential.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findOpenInvite(getDb(), token);
  return (
    <section className="mx-auto mt-16 max-w-sm space-y-6">
      <h1 className="text-2xl font-semibold">Welcome to Lightbox</h1>
      {invite ? (
        <>
          <p className="text-sm text-neutral-400">Choose a password for {invite.email}.</p>
          <AcceptInviteForm token={token} />
        </>
      ) : (
        <p role="alert" className="text-red-400">
          This invitation link is invalid, used or expired. Ask an admin for a new one.
        </p>
      )}
    </section>
  );
}

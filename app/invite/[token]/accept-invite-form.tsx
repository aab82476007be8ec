"use client";

import { useActionState } from "react";
import { Button, FormMessage, NewPasswordFields } from "@/components/ui/form-controls";
import { acceptInviteAction } from "./actions";

export function AcceptInviteForm({ token }: { token: string }) {
  const [state, action, isPending] = useActionState(acceptInviteAction, null);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields />
      <FormMessage error={state && !state.ok ? state.error.message : null} />
      <Button type="submit" disabled={isPending}>
        Set password
      </Button>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { Button, Field, FormMessage, TextInput } from "@/components/ui/form-controls";
import { acceptInviteAction } from "./actions";

export function AcceptInviteForm({ token }: { token: string }) {
  const [state, action, isPending] = useActionState(acceptInviteAction, null);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <Field label="Password" hint="At least 12 characters">
        <TextInput name="newPassword" type="password" autoComplete="new-password" required minLength={12} />
      </Field>
      <Field label="Password again">
        <TextInput
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
        />
      </Field>
      <FormMessage error={state && !state.ok ? state.error.message : null} />
      <Button type="submit" disabled={isPending}>
        Set password
      </Button>
    </form>
  );
}

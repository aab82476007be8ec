"use client";

import { useActionState } from "react";
import { Button, Field, FormMessage, TextInput } from "@/components/ui/form-controls";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm() {
  const [state, action, isPending] = useActionState(changePasswordAction, null);
  return (
    <form action={action} className="space-y-4">
      <Field label="Current password">
        <TextInput name="currentPassword" type="password" autoComplete="current-password" required />
      </Field>
      <Field label="New password" hint="At least 12 characters">
        <TextInput name="newPassword" type="password" autoComplete="new-password" required minLength={12} />
      </Field>
      <Field label="New password again">
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
        {isPending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}

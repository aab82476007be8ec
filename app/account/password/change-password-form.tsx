"use client";

import { useActionState } from "react";
import { Button, Field, FormMessage, NewPasswordFields, TextInput } from "@/components/ui/form-controls";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm() {
  const [state, action, isPending] = useActionState(changePasswordAction, null);
  return (
    <form action={action} className="space-y-4">
      <Field label="Current password">
        <TextInput name="currentPassword" type="password" autoComplete="current-password" required />
      </Field>
      <NewPasswordFields label="New password" />
      <FormMessage error={state && !state.ok ? state.error.message : null} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}

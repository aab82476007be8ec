"use client";

import { useActionState } from "react";
import { Button, Field, FormMessage, Select, TextInput } from "@/components/ui/form-controls";
import { USER_ROLES_BY_RANK } from "@/lib/enums/roles";
import { createUserAction } from "./actions";

export function CreateUserForm() {
  const [state, action, isPending] = useActionState(createUserAction, null);
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto_auto] sm:items-end">
      <Field label="E-mail">
        <TextInput name="email" type="email" required />
      </Field>
      <Field label="Name">
        <TextInput name="name" />
      </Field>
      <Field label="Role">
        <Select name="role" defaultValue="reviewer">
          {USER_ROLES_BY_RANK.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={isPending}>
        Create and invite
      </Button>
      <div className="sm:col-span-4">
        <FormMessage error={state && !state.ok ? state.error.message : null} />
        {state?.ok ? (
          <div role="status" className="space-y-1 rounded-md bg-emerald-950 p-3 text-sm text-emerald-200">
            <p>Send this one-time link to the new user (valid 7 days; shown only now):</p>
            <code data-testid="invite-url" className="block break-all text-emerald-100">
              {state.data.inviteUrl}
            </code>
          </div>
        ) : null}
      </div>
    </form>
  );
}

"use client";

import { useActionState, useState } from "react";
import { Button, Field, FormMessage, TextInput } from "@/components/ui/form-controls";
import { signInAction } from "./actions";

export function SignInForm({ next }: { next: string }) {
  const [state, action, isPending] = useActionState(signInAction, null);
  // Controlled, so a wrong password keeps the e-mail (React resets uncontrolled fields after a form action).
  const [email, setEmail] = useState("");
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="next" value={next} />
      <Field label="E-mail">
        <TextInput
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </Field>
      <Field label="Password">
        <TextInput name="password" type="password" autoComplete="current-password" required />
      </Field>
      <FormMessage error={state && !state.ok ? state.error.message : null} />
      <Button type="submit" disabled={isPending} className="w-full">
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { Button, Field, FormMessage, TextInput } from "@/components/ui/form-controls";
import { API_KEY_SCOPES } from "@/lib/enums/api-key-scopes";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export function CreateApiKeyForm() {
  const [state, action, isPending] = useActionState(createApiKeyAction, null);
  return (
    <form action={action} className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
        <Field label="Name">
          <TextInput name="name" required placeholder="comfyui-workstation" />
        </Field>
        <Field label="Expires in (days)" hint="Empty: never">
          <TextInput name="expiresInDays" type="number" min={1} max={3650} />
        </Field>
      </div>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 text-neutral-300">Scopes</legend>
        {API_KEY_SCOPES.map((scope) => (
          <label key={scope} className="flex items-center gap-1.5">
            <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "ingest"} />
            {scope}
          </label>
        ))}
      </fieldset>
      <Button type="submit" disabled={isPending}>
        Create key
      </Button>
      <FormMessage error={state && !state.ok ? state.error.message : null} />
      {state?.ok ? (
        <div role="status" className="space-y-1 rounded-md bg-emerald-950 p-3 text-sm text-emerald-200">
          <p>Key “{state.data.name}” created. Copy it now: it is shown only once.</p>
          <code data-testid="api-key-secret" className="block break-all text-emerald-100">
            {state.data.key}
          </code>
        </div>
      ) : null}
    </form>
  );
}

export function RevokeApiKeyForm({ keyId, name }: { keyId: string; name: string }) {
  const [state, action, isPending] = useActionState(revokeApiKeyAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="keyId" value={keyId} />
      <Button type="submit" variant="danger" disabled={isPending} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
      <FormMessage error={state && !state.ok ? state.error.message : null} />
    </form>
  );
}

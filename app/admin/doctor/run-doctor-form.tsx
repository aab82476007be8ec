"use client";

import { useActionState } from "react";
import { Button, FormMessage } from "@/components/ui/form-controls";
import { runDoctorAction } from "./actions";

export function RunDoctorForm() {
  const [state, action, isPending] = useActionState(runDoctorAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-4 text-sm">
      <label className="flex items-center gap-1.5">
        <input type="checkbox" name="verifyChecksums" /> verify every sha256 (reads all bytes)
      </label>
      <label className="flex items-center gap-1.5">
        <input type="checkbox" name="fix" /> fix what can be fixed
      </label>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Checking…" : "Run the check now"}
      </Button>
      <FormMessage
        error={state && !state.ok ? state.error.message : null}
        success={state?.ok ? `Done: ${state.data}` : null}
      />
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { Button, FormMessage } from "@/components/ui/form-controls";
import type { CleanupPolicyInput } from "@/lib/images/lifecycle/cleanup-policy";
import { runCleanupAction } from "./actions";

/** The planned policy, sent back as it was planned; the purge re-checks each image, so a stale plan removes less. */
export function ActOnPlanForm({ policy, wouldRemove }: { policy: CleanupPolicyInput; wouldRemove: number }) {
  const [state, action, isPending] = useActionState(runCleanupAction, null);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`Remove ${wouldRemove} image(s) for good? Protected images stay.`))
          event.preventDefault();
      }}
      className="flex flex-wrap items-center gap-4 text-sm"
    >
      {Object.entries(policy).map(([name, value]) =>
        value === undefined ? null : <input key={name} type="hidden" name={name} value={String(value)} />,
      )}
      <Button type="submit" variant="danger" disabled={isPending || wouldRemove === 0}>
        {isPending ? "Removing…" : `Remove ${wouldRemove} image(s)`}
      </Button>
      <FormMessage
        error={state && !state.ok ? state.error.message : null}
        success={
          state?.ok
            ? `Removed ${state.data.purged}${state.data.kept > 0 ? `; ${state.data.kept} changed since the plan and stayed` : ""}`
            : null
        }
      />
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { Button, FormMessage, TextInput } from "@/components/ui/form-controls";
import { saveCriticThresholdAction } from "./actions";

export function CriticThresholdForm({ critic, threshold }: { critic: string; threshold: number }) {
  const [state, action, isPending] = useActionState(saveCriticThresholdAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="critic" value={critic} />
      <label htmlFor={`threshold-${critic}`} className="text-sm text-neutral-400">
        Approves from
      </label>
      <TextInput
        id={`threshold-${critic}`}
        name="approveThreshold"
        type="number"
        step={0.01}
        min={0}
        max={1}
        defaultValue={threshold}
        aria-label={`Approve threshold for ${critic}`}
        className="w-24"
      />
      <Button type="submit" disabled={isPending}>
        Save
      </Button>
      <FormMessage
        error={state && !state.ok ? state.error.message : null}
        success={state?.ok ? `Saved: ${critic} approves from ${state.data.approveThreshold}` : null}
      />
    </form>
  );
}

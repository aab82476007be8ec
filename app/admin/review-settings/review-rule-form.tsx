"use client";

import { useActionState } from "react";
import { Button, Field, FormMessage, TextInput } from "@/components/ui/form-controls";
import type { ReviewRule } from "@/lib/review/review-rule";
import { saveReviewRuleAction } from "./actions";

export function ReviewRuleForm({ rule }: { rule: ReviewRule }) {
  const [state, action, isPending] = useActionState(saveReviewRuleAction, null);
  return (
    <form action={action} className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Approves needed for “approved”">
          <TextInput
            name="approvalsRequired"
            type="number"
            min={1}
            max={20}
            defaultValue={rule.approvalsRequired}
          />
        </Field>
        <Field label="Rejects needed for “rejected”">
          <TextInput
            name="rejectionsRequired"
            type="number"
            min={1}
            max={20}
            defaultValue={rule.rejectionsRequired}
          />
        </Field>
      </div>
      <Button type="submit" disabled={isPending}>
        Save rule
      </Button>
      <FormMessage
        error={state && !state.ok ? state.error.message : null}
        success={
          state?.ok ? `Saved; ${state.data.changed} image status(es) changed under the new rule` : null
        }
      />
    </form>
  );
}

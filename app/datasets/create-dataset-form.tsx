"use client";

import { useActionState } from "react";
import { Button, Field, FormMessage, Select, TextInput } from "@/components/ui/form-controls";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import { createDatasetAction } from "./actions";

// In the order the picker lists them: the usual choice, approved, first.
const STATUS_LABELS: Record<ReviewStatus, string> = {
  approved: "approved",
  unreviewed: "unreviewed",
  rejected: "rejected",
  conflicting: "conflicting",
  skipped: "skipped",
};

export function CreateDatasetForm() {
  const [state, action, isPending] = useActionState(createDatasetAction, null);
  return (
    <form action={action} className="space-y-3 rounded-lg border border-neutral-800 p-4">
      <h2 className="font-medium">New dataset from a filter</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name">
          <TextInput name="name" required />
        </Field>
        <Field label="Description">
          <TextInput name="description" />
        </Field>
        <Field label="Review status">
          <Select name="status" defaultValue="approved">
            <option value="">any</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Tag">
          <TextInput name="tag" />
        </Field>
        <Field label="Model">
          <TextInput name="model" />
        </Field>
        <Field label="Run (name or id)">
          <TextInput name="run" />
        </Field>
      </div>
      <FormMessage error={state && !state.ok ? state.error.message : null} />
      <Button type="submit" disabled={isPending}>
        Create dataset
      </Button>
    </form>
  );
}

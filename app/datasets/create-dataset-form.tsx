"use client";

import { useActionState } from "react";
import { Button, Field, FormMessage, Select, TextInput } from "@/components/ui/form-controls";
import { createDatasetAction } from "./actions";

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
            <option value="approved">approved</option>
            <option value="unreviewed">unreviewed</option>
            <option value="rejected">rejected</option>
            <option value="conflicting">conflicting</option>
            <option value="skipped">skipped</option>
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

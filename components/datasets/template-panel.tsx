"use client";

import type { FormEvent } from "react";
import { Button, Field, TextInput } from "@/components/ui/form-controls";
import type { CaptionScope } from "@/lib/datasets/captions/rewrite-captions";
import { BulkStepResult } from "./bulk-step-result";
import { useBulkStep } from "./use-bulk-step";
import type { WorkbenchActions } from "./workbench-actions";

type TemplateFields = { template: string; trigger?: string } & CaptionScope;

/**
 * A caption template over the chosen scope: previewed as a diff first, confirmed, undoable. Applying it twice is
 * applying it once (lib/datasets/caption-template.ts), so "Apply" never stacks a trigger word.
 */
export function TemplatePanel({
  datasetId,
  scope,
  actions,
}: {
  datasetId: string;
  scope: CaptionScope;
  actions: WorkbenchActions;
}) {
  const step = useBulkStep<TemplateFields>({
    preview: (fields) => actions.previewTemplate({ datasetId, fields }),
    apply: (fields, plan, overwrite) =>
      actions.applyTemplate({
        datasetId,
        fields: {
          ...fields,
          expected_revision: plan.revision,
          hand_edited: overwrite ? "overwrite" : "skip",
        },
      }),
    undo: (changeId) => actions.undoChange({ datasetId, changeId, fields: {} }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const trigger = String(form.get("trigger") ?? "").trim();
    step.preview({ template: String(form.get("template") ?? ""), ...(trigger ? { trigger } : {}), ...scope });
  };
  return (
    <section className="space-y-3" aria-labelledby="template-heading">
      <h3 id="template-heading" className="font-medium">
        Caption template
      </h3>
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
        <Field label="Template" hint="Placeholders: {caption}, {prompt}, {trigger}">
          <TextInput name="template" defaultValue="{trigger}, {caption}" required maxLength={2000} />
        </Field>
        <Field label="Trigger word">
          <TextInput name="trigger" maxLength={200} />
        </Field>
        <Button type="submit" variant="secondary" disabled={step.isPending}>
          Preview template
        </Button>
      </form>
      <BulkStepResult step={step} asksHandEdited />
    </section>
  );
}

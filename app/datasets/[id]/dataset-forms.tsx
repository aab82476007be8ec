"use client";

import { useActionState } from "react";
import { Button, Field, FormMessage, TextInput } from "@/components/ui/form-controls";
import { applyCaptionTemplateAction, freezeVersionAction, updateCaptionAction } from "./actions";

export function CaptionForm({
  datasetId,
  imageId,
  caption,
}: {
  datasetId: string;
  imageId: string;
  caption: string;
}) {
  const [state, action, isPending] = useActionState(updateCaptionAction, null);
  return (
    <form action={action} className="flex gap-2">
      <input type="hidden" name="datasetId" value={datasetId} />
      <input type="hidden" name="imageId" value={imageId} />
      <TextInput name="caption" defaultValue={caption} aria-label="Caption" className="py-1" />
      <Button type="submit" variant="secondary" disabled={isPending} className="py-1">
        Save
      </Button>
      <FormMessage
        error={state && !state.ok ? state.error.message : null}
        success={state?.ok ? "saved" : null}
      />
    </form>
  );
}

export function CaptionTemplateForm({ datasetId }: { datasetId: string }) {
  const [state, action, isPending] = useActionState(applyCaptionTemplateAction, null);
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
      <input type="hidden" name="datasetId" value={datasetId} />
      <Field label="Caption template" hint="Placeholders: {caption}, {prompt}, {trigger}">
        <TextInput name="template" defaultValue="{trigger}, {caption}" required />
      </Field>
      <Field label="Trigger word">
        <TextInput name="trigger" />
      </Field>
      <Button type="submit" variant="secondary" disabled={isPending}>
        Apply to all
      </Button>
      <div className="sm:col-span-3">
        <FormMessage
          error={state && !state.ok ? state.error.message : null}
          success={state?.ok ? `${state.data} captions updated` : null}
        />
      </div>
    </form>
  );
}

export function FreezeVersionForm({ datasetId }: { datasetId: string }) {
  const [state, action, isPending] = useActionState(freezeVersionAction, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="datasetId" value={datasetId} />
      <Field label="Version note">
        <TextInput name="note" placeholder="what changed" />
      </Field>
      <Button type="submit" disabled={isPending}>
        Freeze a version
      </Button>
      <FormMessage
        error={state && !state.ok ? state.error.message : null}
        success={state?.ok ? `Version ${state.data} frozen` : null}
      />
    </form>
  );
}

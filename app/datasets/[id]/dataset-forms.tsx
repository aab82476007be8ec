"use client";

import { useActionState, useEffect, useState } from "react";
import { Button, Field, FormMessage, TextInput } from "@/components/ui/form-controls";
import { applyCaptionTemplateAction, freezeVersionAction, updateCaptionAction } from "./actions";

/**
 * One caption box. It follows the page's caption when that changes (after "Apply to all", or after a refused
 * stale save), and sends the caption it started from so the server can refuse to overwrite a newer one.
 */
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
  const [text, setText] = useState(caption);
  useEffect(() => setText(caption), [caption]);
  return (
    <form action={action} className="flex flex-wrap gap-2">
      <input type="hidden" name="datasetId" value={datasetId} />
      <input type="hidden" name="imageId" value={imageId} />
      <input type="hidden" name="expected_caption" value={caption} />
      <TextInput
        name="caption"
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-label="Caption"
        className="min-w-0 flex-1 py-1"
      />
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

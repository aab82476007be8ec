"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { settled } from "@/components/actions/settle-actions";
import { Button, Field, FormMessage, TextInput } from "@/components/ui/form-controls";
import type { FrozenVersion } from "@/lib/datasets/freeze-dataset-version";
import type { ActionResult } from "@/lib/http/wrappers/action-result";

/**
 * Freezes the next version at the audited revision: if captions or members changed after the audit shown on this
 * page, the freeze is refused and the page reloads with a fresh audit, so what was checked is what is frozen.
 */
export function FreezeVersionForm({
  datasetId,
  auditedRevision,
  freeze,
}: {
  datasetId: string;
  auditedRevision: number;
  freeze: (input: unknown) => Promise<ActionResult<FrozenVersion>>;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const [isPending, startTransition] = useTransition();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get("note") ?? "").trim();
    startTransition(async () => {
      const result = await settled(freeze)({
        datasetId,
        fields: { expected_revision: auditedRevision, ...(note ? { note } : {}) },
      });
      setMessage(
        result.ok ? { success: `Version ${result.data.version} frozen` } : { error: result.error.message },
      );
      router.refresh();
    });
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
      <Field label="Version note">
        <TextInput name="note" placeholder="what changed" maxLength={2000} />
      </Field>
      <Button type="submit" disabled={isPending}>
        Freeze a version
      </Button>
      <FormMessage error={message.error} success={message.success} />
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { Button, Field, FormMessage, Select, TextInput } from "@/components/ui/form-controls";
import { registerTrainedModelAction } from "./actions";

/** Register a LoRA or checkpoint trained on one of this dataset's frozen versions (as POST /api/v1/models). */
export function RegisterModelForm({ datasetId, versions }: { datasetId: string; versions: number[] }) {
  const [state, action, isPending] = useActionState(registerTrainedModelAction, null);
  return (
    <form
      action={action}
      className="grid gap-3 sm:grid-cols-4 sm:items-end"
      aria-label="Register a trained model"
    >
      <input type="hidden" name="dataset" value={datasetId} />
      <Field label="Model name">
        <TextInput name="name" required placeholder="portrait-lora v4" />
      </Field>
      <Field label="Kind">
        <Select name="kind" defaultValue="lora">
          <option value="lora">LoRA</option>
          <option value="checkpoint">Checkpoint</option>
        </Select>
      </Field>
      <Field label="Trained on version">
        <Select name="version" defaultValue={String(versions.at(-1) ?? "")}>
          {versions.map((version) => (
            <option key={version} value={version}>
              v{version}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="File name" hint="as generators write it">
        <TextInput name="file_name" placeholder="portrait_v4.safetensors" />
      </Field>
      <Field label="sha256" hint="64 hex; AutoV2 follows">
        <TextInput name="sha256" className="font-mono" />
      </Field>
      <Field label="AutoV3" hint="LoRAs: A1111's Lora hashes">
        <TextInput name="autov3" className="font-mono" />
      </Field>
      <Field label="Training notes">
        <TextInput name="notes" placeholder="rank 16, 3000 steps" />
      </Field>
      <Button type="submit" disabled={isPending}>
        Register model
      </Button>
      <div className="sm:col-span-4">
        <FormMessage
          error={state && !state.ok ? state.error.message : null}
          success={state?.ok ? `Registered; ${state.data} stored images name it` : null}
        />
      </div>
    </form>
  );
}

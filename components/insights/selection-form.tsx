import type { ReactNode } from "react";
import { Button, Field, TextInput } from "@/components/ui/form-controls";
import type { ImageFilter } from "@/lib/images/selection/image-filter";

const FIELDS = [
  ["q", "Prompt words"],
  ["model", "Model"],
  ["lora", "LoRA"],
  ["run", "Run"],
  ["tag", "Tag"],
  ["status", "Status"],
  ["created_after", "From (YYYY-MM-DD)"],
  ["created_before", "To (YYYY-MM-DD)"],
] as const;

/**
 * The image selection's main filters as a GET form (the field names of GET /api/v1/images), so a stats or
 * experiment view is a shareable URL. Other selection fields in the URL are kept as hidden inputs.
 */
export function SelectionForm({
  action,
  filter,
  children,
}: {
  action: string;
  filter: ImageFilter;
  children?: ReactNode;
}) {
  const shown = new Set<string>(FIELDS.map(([name]) => name));
  const hidden = Object.entries(filter).filter(([name, value]) => !shown.has(name) && value !== undefined);
  return (
    <form method="get" action={action} className="grid grid-cols-2 items-end gap-3 md:grid-cols-5">
      {children}
      {FIELDS.map(([name, label]) => (
        <Field key={name} label={label}>
          <TextInput name={name} defaultValue={filter[name] === undefined ? "" : String(filter[name])} />
        </Field>
      ))}
      {hidden.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={String(value)} />
      ))}
      <Button type="submit">Apply</Button>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { Button, FormMessage, Select, TextInput } from "@/components/ui/form-controls";
import type { TagKind } from "@/lib/enums/tag-kinds";
import type { TagView } from "@/lib/tags/tag-input";
import { deleteTagAction, saveTagAction } from "./actions";

const KIND_LABELS: Record<TagKind, string> = {
  reject_reason: "Reject reason",
  approve_reason: "Approve reason",
  label: "Label",
};

/** One tag's fields; without `tag` it creates a new one. */
export function TagForm({ tag }: { tag?: TagView }) {
  const [state, action, isPending] = useActionState(saveTagAction, null);
  const [deleted, remove, isDeleting] = useActionState(deleteTagAction, null);
  const error =
    (state && !state.ok ? state.error.message : null) ??
    (deleted && !deleted.ok ? deleted.error.message : null);
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid={tag ? `tag-${tag.name}` : "new-tag"}>
      <form action={action} className="flex flex-wrap items-center gap-2">
        {tag ? <input type="hidden" name="id" value={tag.id} /> : null}
        <TextInput
          name="name"
          aria-label="Tag name"
          defaultValue={tag?.name}
          required
          placeholder="blurry"
          className="w-44 py-1"
        />
        <Select name="kind" aria-label="Kind" defaultValue={tag?.kind ?? "reject_reason"}>
          {Object.entries(KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
        <input
          type="color"
          name="color"
          aria-label="Colour"
          defaultValue={tag?.color ?? "#ef4444"}
          className="h-8 w-10 rounded bg-transparent"
        />
        <TextInput
          name="hotkey"
          aria-label="Hotkey"
          defaultValue={tag?.hotkey ?? ""}
          maxLength={1}
          placeholder="key"
          className="w-14 py-1"
        />
        <Button type="submit" variant={tag ? "secondary" : "primary"} className="py-1" disabled={isPending}>
          {tag ? "Save" : "Add tag"}
        </Button>
      </form>
      {tag ? (
        <form action={remove}>
          <input type="hidden" name="id" value={tag.id} />
          <Button
            type="submit"
            variant="danger"
            className="py-1"
            disabled={isDeleting}
            aria-label={`Delete ${tag.name}`}
          >
            Delete
          </Button>
        </form>
      ) : null}
      <FormMessage error={error} success={!tag && state?.ok ? `Added “${state.data.name}”` : null} />
    </div>
  );
}

"use client";

import Link from "next/link";
import { type FormEvent, useId, useState } from "react";
import { Button, Field, Select, TextInput } from "@/components/ui/form-controls";
import type { CaptionVocabulary } from "@/lib/datasets/captions/list-caption-tags";
import type { CaptionScope } from "@/lib/datasets/captions/rewrite-captions";
import { BulkStepResult } from "./bulk-step-result";
import { useBulkStep } from "./use-bulk-step";
import type { WorkbenchActions } from "./workbench-actions";

type Operation =
  | { op: "add"; tag: string; position: "start" | "end" }
  | { op: "remove"; tag: string }
  | { op: "rename"; tag: string; to: string }
  | { op: "replace"; tag: string; with: string[] };
type TagFields = { operation: Operation } & CaptionScope;

const OPERATIONS = ["add", "remove", "rename", "replace"] as const;

function operationOf(form: FormData): Operation {
  const tag = String(form.get("tag") ?? "");
  const to = String(form.get("to") ?? "");
  switch (form.get("op")) {
    case "add":
      return { op: "add", tag, position: form.get("position") === "start" ? "start" : "end" };
    case "rename":
      return { op: "rename", tag, to };
    case "replace":
      return {
        op: "replace",
        tag,
        with: to
          .split(",")
          .map((part) => part.trim())
          .filter(Boolean),
      };
    default:
      return { op: "remove", tag };
  }
}

/**
 * The dataset's caption tags with their counts (each a link that searches by it), and one step that adds,
 * removes, renames or replaces a tag across the chosen scope: previewed, confirmed, undoable.
 */
export function TagPanel({
  datasetId,
  vocabulary,
  scope,
  tagHref,
  actions,
  canEdit,
}: {
  datasetId: string;
  vocabulary: CaptionVocabulary;
  scope: CaptionScope;
  tagHref: (tag: string) => string;
  actions: WorkbenchActions;
  canEdit: boolean;
}) {
  const [op, setOp] = useState<(typeof OPERATIONS)[number]>("rename");
  const [narrow, setNarrow] = useState("");
  const listId = useId();
  const step = useBulkStep<TagFields>({
    preview: (fields) => actions.previewTags({ datasetId, fields }),
    apply: (fields, plan) =>
      actions.editTags({ datasetId, fields: { ...fields, expected_revision: plan.revision } }),
    undo: (changeId) => actions.undoChange({ datasetId, changeId, fields: {} }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    step.preview({ operation: operationOf(new FormData(event.currentTarget)), ...scope });
  };
  const shown = vocabulary.items.filter((item) => item.tag.toLowerCase().includes(narrow.toLowerCase()));
  return (
    <section className="space-y-3" aria-labelledby="tags-heading">
      <h3 id="tags-heading" className="font-medium">
        Caption tags ({vocabulary.distinct_tags} in {vocabulary.captions} captions)
      </h3>
      <TextInput
        type="search"
        value={narrow}
        onChange={(event) => setNarrow(event.target.value)}
        placeholder="Find a tag"
        aria-label="Find a tag"
        className="py-1 sm:max-w-xs"
      />
      <ul className="flex max-h-40 flex-wrap gap-1.5 overflow-y-auto text-sm" data-testid="tag-vocabulary">
        {shown.map((item) => (
          <li key={item.tag}>
            <Link
              href={tagHref(item.tag)}
              className="inline-block max-w-64 truncate rounded-full border border-neutral-700 px-2 py-0.5 hover:border-sky-400"
              title={`Show the captions tagged ${item.tag}`}
            >
              {item.tag} <span className="text-neutral-400">{item.count}</span>
            </Link>
          </li>
        ))}
      </ul>
      {vocabulary.items.length < vocabulary.distinct_tags ? (
        <p className="text-xs text-neutral-400">The {vocabulary.items.length} most used tags are listed.</p>
      ) : null}
      {canEdit ? (
        <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[auto_1fr_1fr_auto] sm:items-end">
          <Field label="Operation">
            <Select name="op" value={op} onChange={(event) => setOp(event.target.value as typeof op)}>
              {OPERATIONS.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Tag">
            <TextInput name="tag" list={listId} required maxLength={200} />
          </Field>
          {op === "rename" || op === "replace" ? (
            <Field label={op === "rename" ? "New name" : "Replace with (comma-separated)"}>
              <TextInput name="to" required maxLength={2000} />
            </Field>
          ) : op === "add" ? (
            <Field label="Where">
              <Select name="position" defaultValue="end">
                <option value="end">at the end</option>
                <option value="start">at the start</option>
              </Select>
            </Field>
          ) : (
            <span />
          )}
          <Button type="submit" variant="secondary" disabled={step.isPending}>
            Preview tag change
          </Button>
          <datalist id={listId}>
            {vocabulary.items.map((item) => (
              <option key={item.tag} value={item.tag} />
            ))}
          </datalist>
        </form>
      ) : null}
      <BulkStepResult step={step} asksHandEdited={false} />
    </section>
  );
}

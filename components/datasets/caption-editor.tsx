"use client";

import { useRouter } from "next/navigation";
import { type KeyboardEvent, useEffect, useState, useTransition } from "react";
import { settled } from "@/components/actions/settle-actions";
import { Button, FormMessage } from "@/components/ui/form-controls";
import type { WorkbenchActions } from "./workbench-actions";

/**
 * A caption as a multi-line box. It saves with the caption it started from, so a caption changed meanwhile (a
 * template, another reviewer) is refused instead of overwritten; the box then shows the newer caption. Line breaks
 * are kept while typing and become spaces when saved: trainers read a caption file's first line only.
 */
export function CaptionEditor({
  datasetId,
  imageId,
  caption,
  actions,
}: {
  datasetId: string;
  imageId: string;
  caption: string;
  actions: WorkbenchActions;
}) {
  const router = useRouter();
  const [base, setBase] = useState(caption);
  const [text, setText] = useState(caption);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const [isPending, startTransition] = useTransition();
  // The page's caption changed (a bulk step, an undo): follow it, unless the person is mid-edit.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new server caption resets the box
  useEffect(() => {
    setBase(caption);
    setText((current) => (current === base ? caption : current));
  }, [caption]);

  const save = () =>
    startTransition(async () => {
      const result = await settled(actions.updateCaption)({
        datasetId,
        imageId,
        fields: { caption: text, expected_caption: base },
      });
      if (result.ok) {
        setBase(result.data.caption);
        setText(result.data.caption);
        setMessage({ success: result.data.change_id ? "Saved" : "Unchanged" });
        router.refresh();
        return;
      }
      const newer = (result.error.details as { caption?: unknown } | undefined)?.caption;
      if (result.error.code === "conflict" && typeof newer === "string") {
        setBase(newer);
        setText(newer);
      }
      setMessage({ error: result.error.message });
    });
  const saveOnCtrlEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save();
    }
  };
  const dirty = text !== base;
  return (
    <div className="space-y-1">
      <textarea
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setMessage({});
        }}
        onKeyDown={saveOnCtrlEnter}
        rows={3}
        maxLength={10_000}
        aria-label="Caption"
        className="block w-full resize-y rounded-md border border-neutral-700 bg-neutral-900 px-2 py-1 text-sm text-neutral-100 outline-none focus:border-sky-500"
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button
          type="button"
          variant="secondary"
          className="py-1"
          disabled={isPending || !dirty}
          onClick={save}
        >
          Save
        </Button>
        {dirty ? (
          <Button type="button" variant="secondary" className="py-1" onClick={() => setText(base)}>
            Discard
          </Button>
        ) : null}
        <FormMessage error={message.error} success={message.success} />
      </div>
    </div>
  );
}

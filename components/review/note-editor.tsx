"use client";

import { useState } from "react";

/** N in review mode: Enter saves the note (Shift+Enter for a new line), Esc cancels; empty clears it. */
export function NoteEditor({
  initial,
  onSave,
  onClose,
}: {
  initial: string | null;
  onSave: (note: string) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState(initial ?? "");
  return (
    <div
      role="dialog"
      aria-label="Note"
      className="absolute inset-x-0 top-16 z-20 mx-auto w-[min(28rem,calc(100%-1rem))] rounded-lg border border-neutral-700 bg-neutral-900 p-3 shadow-2xl"
    >
      <textarea
        // biome-ignore lint/a11y/noAutofocus: the editor opens from a key press and is typed into at once
        autoFocus
        value={text}
        rows={4}
        maxLength={5000}
        aria-label="Note for this image"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") onClose();
          else if (event.key === "Enter" && !event.shiftKey) {
            onSave(text);
            onClose();
          } else return;
          event.preventDefault();
          event.stopPropagation();
        }}
        className="w-full rounded border border-neutral-700 bg-neutral-950 p-2 text-sm outline-none focus:border-sky-500"
      />
      <p className="mt-1 text-xs text-neutral-500">Enter saves · Shift+Enter new line · Esc cancels</p>
    </div>
  );
}

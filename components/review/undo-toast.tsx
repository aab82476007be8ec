"use client";

import { useEffect } from "react";

const SHOWN_MS = 6000;

/** "Approved #12 · Undo" after a swipe: a decision made by a gesture can be taken back as quickly. */
export function UndoToast({
  text,
  onUndo,
  onDone,
}: {
  text: string;
  onUndo: () => void;
  onDone: () => void;
}) {
  useEffect(() => {
    const timer = setTimeout(onDone, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [onDone]);
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-3 z-[55] flex justify-center px-3">
      <div
        data-testid="undo-toast"
        className="pointer-events-auto flex items-center gap-3 rounded-lg border border-neutral-700 bg-neutral-900 px-3 py-2 text-sm shadow-xl"
      >
        <span role="status">{text}</span>
        <button
          type="button"
          onClick={() => {
            onUndo();
            onDone();
          }}
          className="min-h-10 rounded border border-neutral-600 px-3 font-medium text-sky-300"
        >
          Undo
        </button>
      </div>
    </div>
  );
}

"use client";

import { type KeyboardEvent, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { TagKind } from "@/lib/enums/tag-kinds";
import type { TagView } from "@/lib/tags/tag-input";

const KIND_LABEL: Record<TagKind, string> = {
  reject_reason: "reject",
  approve_reason: "approve",
  label: "label",
};

/**
 * T in review mode: type to narrow the tags, ↑/↓ to move, Enter toggles the highlighted one on this image and
 * closes; a name no tag has offers "create label". Esc closes.
 */
export function ReasonPicker({
  tags,
  chosen,
  onToggle,
  onCreateLabel,
  onClose,
}: {
  tags: TagView[];
  chosen: string[];
  onToggle: (tagId: string) => void;
  onCreateLabel: (name: string) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState("");
  const [highlight, setHighlight] = useState(0);
  const needle = text.trim().toLowerCase();
  const matches = tags
    .filter((tag) => tag.name.toLowerCase().includes(needle))
    .sort(
      (a, b) =>
        Number(!a.name.toLowerCase().startsWith(needle)) - Number(!b.name.toLowerCase().startsWith(needle)),
    );
  const canCreate = needle !== "" && !tags.some((tag) => tag.name.toLowerCase() === needle);
  const options = matches.length + (canCreate ? 1 : 0);

  const choose = (position: number) => {
    const tag = matches[position];
    if (tag) onToggle(tag.id);
    else if (canCreate) onCreateLabel(text.trim());
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Escape") onClose();
    else if (event.key === "ArrowDown") setHighlight((value) => Math.min(options - 1, value + 1));
    else if (event.key === "ArrowUp") setHighlight((value) => Math.max(0, value - 1));
    else if (event.key === "Enter") choose(highlight);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      role="dialog"
      aria-label="Reason tags"
      className="absolute inset-x-0 top-16 z-20 mx-auto w-[min(24rem,calc(100%-1rem))] rounded-lg border border-neutral-700 bg-neutral-900 p-3 shadow-2xl"
    >
      <input
        // biome-ignore lint/a11y/noAutofocus: the picker opens from a key press and is typed into at once
        autoFocus
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setHighlight(0);
        }}
        onKeyDown={onKeyDown}
        placeholder="Type a reason or label…"
        aria-label="Find a tag"
        className="w-full rounded border border-neutral-700 bg-neutral-950 px-2 py-1.5 text-sm outline-none focus:border-sky-500"
      />
      <ul className="mt-2 max-h-72 overflow-auto text-sm">
        {matches.map((tag, position) => (
          <li key={tag.id}>
            <button
              type="button"
              onClick={() => choose(position)}
              className={cn(
                "flex w-full items-center gap-2 rounded px-2 py-1 text-left",
                position === highlight && "bg-neutral-700",
              )}
            >
              <span className="size-2.5 rounded-full" style={{ backgroundColor: tag.color ?? "#737373" }} />
              <span className="flex-1">{tag.name}</span>
              {chosen.includes(tag.id) ? <span className="text-sky-400">✓</span> : null}
              <span className="text-xs text-neutral-500">{KIND_LABEL[tag.kind]}</span>
              {tag.hotkey ? <kbd className="rounded bg-neutral-800 px-1 text-xs">{tag.hotkey}</kbd> : null}
            </button>
          </li>
        ))}
        {canCreate ? (
          <li>
            <button
              type="button"
              onClick={() => choose(matches.length)}
              className={cn(
                "w-full rounded px-2 py-1 text-left text-sky-300",
                highlight === matches.length && "bg-neutral-700",
              )}
            >
              Create label “{text.trim()}”
            </button>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

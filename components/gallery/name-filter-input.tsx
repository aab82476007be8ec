"use client";

import { useEffect, useId, useState } from "react";
import type { ActionResult } from "@/lib/http/wrappers/action-result";

export type SuggestNames = (input: unknown) => Promise<ActionResult<string[]>>;

const WAIT_MS = 250;

/**
 * A model or LoRA filter box: any part of a name matches (in quotes, the whole name), and the names that contain
 * what is typed are offered as it is typed (from three letters; `initial` before that).
 */
export function NameFilterInput({
  field,
  defaultValue,
  initial,
  suggest,
  className,
}: {
  field: "model" | "lora";
  defaultValue: string;
  initial: string[];
  suggest: SuggestNames;
  className: string;
}) {
  const listId = useId();
  const [text, setText] = useState(defaultValue);
  const [names, setNames] = useState(initial);
  useEffect(() => {
    const typed = text.trim();
    if (typed.length < 3) return setNames(initial);
    let isCurrent = true;
    const timer = setTimeout(() => {
      void suggest({ field, text: typed }).then((result) => {
        if (isCurrent && result.ok) setNames(result.data);
      });
    }, WAIT_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [text, field, initial, suggest]);
  return (
    <>
      <input
        name={field}
        list={listId}
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={field === "model" ? "juggernaut" : "film"}
        autoComplete="off"
        className={className}
      />
      <datalist id={listId} data-testid={`${field}-suggestions`}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}

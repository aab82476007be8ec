"use client";

import { useEffect, useRef, useState } from "react";

/**
 * Review mode's keyboard: one handler per key (`event.key` lower-cased: "a", "arrowright", "escape"). Keys typed into a field,
 * or with Ctrl/⌘/Alt held, are left to the browser. Returns whether the keys are listened to: not before the page
 * hydrated, when a key pressed is the browser's alone (the desk says so in `data-keys`, for whoever drives it).
 */
export function useReviewHotkeys(handlers: Record<string, () => void>, isEnabled: boolean): boolean {
  const current = useRef(handlers);
  current.current = handlers;
  const [isListening, setListening] = useState(false);
  useEffect(() => {
    setListening(isEnabled);
    if (!isEnabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true]")) return;
      const key = event.key.toLowerCase();
      const handler = current.current[key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [isEnabled]);
  return isListening;
}

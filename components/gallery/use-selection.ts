"use client";

import { type MouseEvent, useCallback, useRef, useState } from "react";

/** The whole filtered view, as the server counted it when "Select all in view" was chosen. */
export type ViewSelection = { count: number; isOverLimit: boolean };

/**
 * Gallery selection: a plain click opens the tile (or, in tap-to-select mode, toggles it); Ctrl/⌘-click toggles
 * one tile; Shift-click selects the range from the last tile clicked; a drag adds the tiles it covers. "Select
 * all in view" selects the whole filtered view (not only the loaded tiles); picking a tile afterwards goes back
 * to picking from what is loaded.
 */
export function useSelection(ids: string[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [view, setView] = useState<ViewSelection | null>(null);
  const anchor = useRef<number | null>(null);

  const toggle = useCallback(
    (index: number) => {
      const id = ids[index];
      if (!id) return;
      setView(null);
      setSelected((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      anchor.current = index;
    },
    [ids],
  );

  /** True when the click was a selection gesture (the caller then neither follows the link nor opens the viewer). */
  const clickTile = useCallback(
    (index: number, event: MouseEvent, isSelectMode: boolean): boolean => {
      const id = ids[index];
      if (!id || !(isSelectMode || event.shiftKey || event.ctrlKey || event.metaKey)) return false;
      event.preventDefault();
      if (!event.shiftKey) {
        toggle(index);
        return true;
      }
      // Read before the updater runs: React may call it after `anchor` has moved to this tile.
      const from = anchor.current !== null ? Math.min(anchor.current, index) : index;
      const to = Math.max(anchor.current ?? index, index);
      setView(null);
      setSelected((current) => new Set([...current, ...ids.slice(from, to + 1)]));
      anchor.current = index;
      return true;
    },
    [ids, toggle],
  );

  const addMany = useCallback((base: ReadonlySet<string>, added: string[]) => {
    setView(null);
    setSelected(new Set([...base, ...added]));
  }, []);
  const selectView = useCallback(
    (counted: ViewSelection) => {
      setSelected(new Set(ids));
      setView(counted);
    },
    [ids],
  );
  const clear = useCallback(() => {
    setSelected(new Set());
    setView(null);
    anchor.current = null;
  }, []);
  return { selected, view, toggle, clickTile, addMany, selectView, clear };
}

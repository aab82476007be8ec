"use client";

import { type MouseEvent, useCallback, useRef, useState } from "react";

/**
 * Gallery selection: a plain click opens the tile (or, in tap-to-select mode, toggles it); Ctrl/⌘-click toggles
 * one tile; Shift-click selects the range from the last tile clicked; a drag adds the tiles it covers.
 */
export function useSelection(ids: string[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<number | null>(null);

  const toggle = useCallback(
    (index: number) => {
      const id = ids[index];
      if (!id) return;
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
      setSelected((current) => new Set([...current, ...ids.slice(from, to + 1)]));
      anchor.current = index;
      return true;
    },
    [ids, toggle],
  );

  const addMany = useCallback(
    (base: ReadonlySet<string>, added: string[]) => setSelected(new Set([...base, ...added])),
    [],
  );
  const selectAll = useCallback(() => setSelected(new Set(ids)), [ids]);
  const clear = useCallback(() => {
    setSelected(new Set());
    anchor.current = null;
  }, []);
  return { selected, clickTile, addMany, selectAll, clear };
}

"use client";

import { type MouseEvent, useCallback, useRef, useState } from "react";

/**
 * Gallery selection: a plain click follows the link; Ctrl/⌘-click toggles one tile; Shift-click selects the range
 * from the last tile clicked.
 */
export function useSelection(ids: string[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<number | null>(null);

  const clickTile = useCallback(
    (index: number, event: MouseEvent) => {
      const id = ids[index];
      if (!id || !(event.shiftKey || event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      // Read before the updater runs: React may call it after `anchor` has moved to this tile.
      const from = event.shiftKey && anchor.current !== null ? Math.min(anchor.current, index) : null;
      const to = Math.max(anchor.current ?? index, index);
      setSelected((current) => {
        const next = new Set(current);
        if (from !== null) {
          for (const rangeId of ids.slice(from, to + 1)) next.add(rangeId);
        } else if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      anchor.current = index;
    },
    [ids],
  );

  const selectAll = useCallback(() => setSelected(new Set(ids)), [ids]);
  const clear = useCallback(() => {
    setSelected(new Set());
    anchor.current = null;
  }, []);
  return { selected, clickTile, selectAll, clear };
}

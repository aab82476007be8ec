"use client";

import { type Dispatch, type SetStateAction, useEffect } from "react";
import type { ActionResult } from "@/lib/http/wrappers/action-result";
import type { ReadyTile } from "@/lib/images/lists/list-ready-tiles";
import type { ImageTile } from "@/lib/images/selection/list-image-tiles";

const POLL_MS = 2000;
// What one question may name (listReadyTilesSchema's limit).
const MAX_IDS = 200;

/**
 * While tiles wait for their variants (a worker makes them after the upload), asks every two seconds which are
 * ready and swaps their thumb and placeholder in: no reload. Quiet when none wait or the tab is hidden.
 */
export function useReadyTiles(
  items: ImageTile[],
  setItems: Dispatch<SetStateAction<ImageTile[]>>,
  loadReadyTiles: (input: unknown) => Promise<ActionResult<ReadyTile[]>>,
) {
  const waiting = items
    .filter((item) => item.deriveState === "pending")
    .slice(0, MAX_IDS)
    .map((item) => item.id)
    .join(",");
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(async () => {
      if (document.visibilityState === "hidden") return;
      const ready = await loadReadyTiles({ ids: waiting.split(",") }).catch(() => null);
      if (!ready?.ok || ready.data.length === 0) return;
      const byId = new Map(ready.data.map((tile) => [tile.id, tile]));
      setItems((current) => current.map((item) => ({ ...item, ...byId.get(item.id) })));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, loadReadyTiles, setItems]);
}

"use client";

import { type KeyboardEvent, useCallback, useState } from "react";

/** What a key asks of the grid, besides moving the focus. */
export type GridCommand =
  | { kind: "toggle"; index: number }
  | { kind: "open"; index: number }
  | { kind: "decide"; decision: "approve" | "reject"; index: number }
  | { kind: "score"; score: number; index: number }
  | { kind: "reasons"; index: number };

/** How many tiles the first row holds: the grid's column count as laid out now (it follows the window). */
function columnsOf(grid: HTMLElement): number {
  const tiles = grid.querySelectorAll<HTMLElement>("[data-tile-id]");
  const top = tiles[0]?.offsetTop;
  let columns = 0;
  for (const tile of tiles) {
    if (tile.offsetTop !== top) break;
    columns += 1;
  }
  return Math.max(1, columns);
}

const MOVES: Record<string, (columns: number) => number> = {
  ArrowRight: () => 1,
  ArrowLeft: () => -1,
  ArrowDown: (columns) => columns,
  ArrowUp: (columns) => -columns,
};

/**
 * The grid by keyboard, with review mode's keys: arrows move a focus (one tab stop for the whole grid), Space
 * selects, Enter opens the viewer, A / X / 1–5 / T act on the selection or, with none, on the focused tile.
 */
export function useGridKeys(count: number, onCommand: (command: GridCommand) => void) {
  const [focusIndex, setFocusIndex] = useState(0);
  const focusTile = useCallback((grid: HTMLElement, index: number) => {
    const tile = grid.querySelectorAll<HTMLElement>("[data-tile-id] a")[index];
    tile?.focus();
    tile?.scrollIntoView({ block: "nearest" });
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const tile = (event.target as HTMLElement).closest<HTMLElement>("[data-tile-id]");
    if (!tile) return;
    const grid = event.currentTarget;
    const index = [...grid.querySelectorAll("[data-tile-id]")].indexOf(tile);
    const move = MOVES[event.key];
    const key = event.key.toLowerCase();
    let command: GridCommand | null = null;
    if (move) {
      const next = Math.max(0, Math.min(count - 1, index + move(columnsOf(grid))));
      setFocusIndex(next);
      focusTile(grid, next);
    } else if (key === " ") command = { kind: "toggle", index };
    else if (key === "enter") command = { kind: "open", index };
    else if (key === "a" || key === "x")
      command = { kind: "decide", decision: key === "a" ? "approve" : "reject", index };
    else if (/^[1-5]$/.test(key)) command = { kind: "score", score: Number(key), index };
    else if (key === "t") command = { kind: "reasons", index };
    else return;
    event.preventDefault();
    if (command) onCommand(command);
  };
  return { focusIndex, setFocusIndex, onKeyDown };
}

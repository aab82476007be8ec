"use client";

import { type PointerEvent, useRef, useState } from "react";

type Box = { left: number; top: number; width: number; height: number };
type Point = { x: number; y: number };
const THRESHOLD = 8;

/** Where the pointer is in the grid's own coordinates: unchanged when something above the grid moves it. */
function inGrid(grid: HTMLElement, event: { clientX: number; clientY: number }): Point {
  const rect = grid.getBoundingClientRect();
  return { x: event.clientX - rect.left, y: event.clientY - rect.top };
}

/** The tiles a box (in grid coordinates) touches, each measured against the grid as it is laid out now. */
function tilesUnder(grid: HTMLElement, box: Box): string[] {
  const origin = grid.getBoundingClientRect();
  return [...grid.querySelectorAll<HTMLElement>("[data-tile-id]")]
    .filter((tile) => {
      const rect = tile.getBoundingClientRect();
      const left = rect.left - origin.left;
      const top = rect.top - origin.top;
      return (
        left + rect.width >= box.left &&
        left <= box.left + box.width &&
        top + rect.height >= box.top &&
        top <= box.top + box.height
      );
    })
    .map((tile) => tile.dataset.tileId ?? "");
}

/**
 * Rubber-band selection with a mouse: press anywhere in the grid and drag; every tile the box touches joins the
 * selection. The box lives in the grid's coordinates, so a toolbar or message that moves the grid during the
 * drag (or a scroll) cannot slide other rows under it. The click that ends a drag is swallowed so it neither
 * opens a tile nor follows its link. The grid element must be positioned (the box is drawn inside it).
 */
export function useDragSelect(
  selected: ReadonlySet<string>,
  addMany: (base: ReadonlySet<string>, ids: string[]) => void,
) {
  const start = useRef<{ point: Point; base: ReadonlySet<string> } | null>(null);
  const wasDrag = useRef(false);
  const [box, setBox] = useState<Box | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLElement>) => {
    if (event.pointerType !== "mouse" || event.button !== 0 || event.shiftKey) return;
    start.current = { point: inGrid(event.currentTarget, event), base: selected };
    wasDrag.current = false;
  };
  const onPointerMove = (event: PointerEvent<HTMLElement>) => {
    const from = start.current;
    if (!from) return;
    const grid = event.currentTarget;
    const to = inGrid(grid, event);
    const dx = to.x - from.point.x;
    const dy = to.y - from.point.y;
    if (!wasDrag.current && Math.hypot(dx, dy) < THRESHOLD) return;
    if (!wasDrag.current) grid.setPointerCapture(event.pointerId);
    wasDrag.current = true;
    const next = {
      left: Math.min(from.point.x, to.x),
      top: Math.min(from.point.y, to.y),
      width: Math.abs(dx),
      height: Math.abs(dy),
    };
    setBox(next);
    addMany(from.base, tilesUnder(grid, next));
  };
  const onPointerUp = () => {
    start.current = null;
    setBox(null);
  };
  const onClickCapture = (event: { preventDefault: () => void; stopPropagation: () => void }) => {
    if (!wasDrag.current) return;
    wasDrag.current = false;
    event.preventDefault();
    event.stopPropagation();
  };
  return {
    box,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp, onClickCapture },
  };
}

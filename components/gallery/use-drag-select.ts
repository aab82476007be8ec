"use client";

import { type PointerEvent, useRef, useState } from "react";

type Box = { left: number; top: number; width: number; height: number };
const THRESHOLD = 8;

/**
 * Rubber-band selection with a mouse: press anywhere in the grid and drag; every tile the box touches joins the
 * selection. The click that ends a drag is swallowed so it neither opens a tile nor follows its link.
 */
export function useDragSelect(
  selected: ReadonlySet<string>,
  addMany: (base: ReadonlySet<string>, ids: string[]) => void,
) {
  const start = useRef<{ x: number; y: number; base: ReadonlySet<string> } | null>(null);
  const wasDrag = useRef(false);
  const [box, setBox] = useState<Box | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLElement>) => {
    if (event.pointerType !== "mouse" || event.button !== 0 || event.shiftKey) return;
    start.current = { x: event.clientX, y: event.clientY, base: selected };
    wasDrag.current = false;
  };
  const onPointerMove = (event: PointerEvent<HTMLElement>) => {
    const from = start.current;
    if (!from) return;
    const dx = event.clientX - from.x;
    const dy = event.clientY - from.y;
    if (!wasDrag.current && Math.hypot(dx, dy) < THRESHOLD) return;
    wasDrag.current = true;
    const next = {
      left: Math.min(from.x, event.clientX),
      top: Math.min(from.y, event.clientY),
      width: Math.abs(dx),
      height: Math.abs(dy),
    };
    setBox(next);
    const hits = [...event.currentTarget.querySelectorAll<HTMLElement>("[data-tile-id]")]
      .filter((tile) => {
        const rect = tile.getBoundingClientRect();
        return (
          rect.right >= next.left &&
          rect.left <= next.left + next.width &&
          rect.bottom >= next.top &&
          rect.top <= next.top + next.height
        );
      })
      .map((tile) => tile.dataset.tileId ?? "");
    addMany(from.base, hits);
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

"use client";

import { type TouchEvent, useRef } from "react";

const MIN_DISTANCE = 50;

const isHorizontal = (dx: number, dy: number) => Math.abs(dx) > Math.abs(dy) * 1.5;

/**
 * Horizontal swipes on a touch screen; mostly-vertical drags are scrolls. `onDrag` follows the finger (its
 * horizontal distance, null when it lifts or turns into a scroll), so the stage can show what the swipe will do.
 */
export function useSwipe(
  onSwipe: (direction: "left" | "right") => void,
  isEnabled: boolean,
  onDrag?: (dx: number | null) => void,
) {
  const start = useRef<{ x: number; y: number } | null>(null);
  return {
    onTouchStart: (event: TouchEvent) => {
      const touch = event.touches[0];
      start.current =
        isEnabled && touch && event.touches.length === 1 ? { x: touch.clientX, y: touch.clientY } : null;
    },
    onTouchMove: (event: TouchEvent) => {
      const from = start.current;
      const touch = event.touches[0];
      if (!from || !touch || !onDrag) return;
      const dx = touch.clientX - from.x;
      onDrag(isHorizontal(dx, touch.clientY - from.y) ? dx : null);
    },
    onTouchEnd: (event: TouchEvent) => {
      const from = start.current;
      const touch = event.changedTouches[0];
      start.current = null;
      onDrag?.(null);
      if (!from || !touch) return;
      const dx = touch.clientX - from.x;
      const dy = touch.clientY - from.y;
      if (Math.abs(dx) >= MIN_DISTANCE && isHorizontal(dx, dy)) onSwipe(dx < 0 ? "left" : "right");
    },
    onTouchCancel: () => {
      start.current = null;
      onDrag?.(null);
    },
  };
}

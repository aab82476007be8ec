"use client";

import { type TouchEvent, useRef } from "react";

const MIN_DISTANCE = 50;

/** Horizontal swipes on a touch screen: left moves on, right goes back; mostly-vertical drags are scrolls. */
export function useSwipe(onSwipe: (direction: "left" | "right") => void, isEnabled: boolean) {
  const start = useRef<{ x: number; y: number } | null>(null);
  return {
    onTouchStart: (event: TouchEvent) => {
      const touch = event.touches[0];
      start.current =
        isEnabled && touch && event.touches.length === 1 ? { x: touch.clientX, y: touch.clientY } : null;
    },
    onTouchEnd: (event: TouchEvent) => {
      const from = start.current;
      const touch = event.changedTouches[0];
      start.current = null;
      if (!from || !touch) return;
      const dx = touch.clientX - from.x;
      const dy = touch.clientY - from.y;
      if (Math.abs(dx) >= MIN_DISTANCE && Math.abs(dx) > Math.abs(dy) * 1.5)
        onSwipe(dx < 0 ? "left" : "right");
    },
  };
}

"use client";

import { type PointerEvent, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { ZoomView } from "./zoom-view";

/**
 * An image fitted to its frame or shown at a pixel scale, panned by dragging. Controlled, so compare can drive
 * several panes from one view; the placeholder paints until the image arrives.
 */
export function ZoomableImage({
  src,
  alt,
  placeholder,
  view,
  onViewChange,
  className,
}: {
  src: string;
  alt: string;
  placeholder: string | null;
  view: ZoomView;
  onViewChange: (view: ZoomView) => void;
  className?: string;
}) {
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const drag = useRef<{ startX: number; startY: number; x: number; y: number } | null>(null);
  const isFit = view.scale === "fit";
  const scale = view.scale === "fit" ? 1 : view.scale;

  const down = (event: PointerEvent<HTMLDivElement>) => {
    if (isFit) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startX: event.clientX, startY: event.clientY, x: view.x, y: view.y };
  };
  const move = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start) return;
    onViewChange({
      ...view,
      x: start.x + event.clientX - start.startX,
      y: start.y + event.clientY - start.startY,
    });
  };
  const up = () => {
    drag.current = null;
  };

  return (
    <div
      className={cn(
        "relative h-full w-full touch-none overflow-hidden",
        !isFit && "cursor-grab active:cursor-grabbing",
        className,
      )}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={up}
      data-zoom={isFit ? "fit" : `${Math.round(scale * 100)}%`}
    >
      <img
        src={src}
        alt={alt}
        draggable={false}
        onLoad={(event) =>
          setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })
        }
        className={cn(
          "absolute left-1/2 top-1/2 max-w-none select-none bg-center bg-no-repeat",
          isFit ? "h-full w-full bg-contain object-contain" : "bg-cover",
        )}
        style={{
          backgroundImage: placeholder ? `url("${placeholder}")` : undefined,
          width: !isFit && natural ? natural.width * scale : undefined,
          height: !isFit && natural ? natural.height * scale : undefined,
          transform: isFit
            ? "translate(-50%, -50%)"
            : `translate(calc(-50% + ${view.x}px), calc(-50% + ${view.y}px))`,
        }}
      />
    </div>
  );
}

"use client";

import { cn } from "@/components/ui/cn";
import { FIT_VIEW, type ZoomView } from "@/components/viewer/zoom-view";

const LEVELS: [label: string, scale: ZoomView["scale"]][] = [
  ["Fit", "fit"],
  ["100%", 1],
  ["200%", 2],
];

export function ZoomControls({
  view,
  onViewChange,
}: {
  view: ZoomView;
  onViewChange: (view: ZoomView) => void;
}) {
  return (
    <fieldset className="flex gap-1 text-xs">
      <legend className="sr-only">Zoom</legend>
      {LEVELS.map(([label, scale]) => (
        <button
          key={label}
          type="button"
          aria-pressed={view.scale === scale}
          onClick={() => onViewChange(scale === "fit" ? FIT_VIEW : { scale, x: 0, y: 0 })}
          className={cn(
            "rounded border border-neutral-700 px-2 py-1",
            view.scale === scale ? "bg-neutral-200 text-neutral-900" : "bg-neutral-900 hover:bg-neutral-800",
          )}
        >
          {label}
        </button>
      ))}
    </fieldset>
  );
}

"use client";

import { useEffect, useState } from "react";
import { ZoomControls } from "@/components/image/zoom-controls";
import { FIT_VIEW, toggleZoom } from "@/components/viewer/zoom-view";
import { ZoomableImage } from "@/components/viewer/zoomable-image";

export type ComparePane = { id: string; previewUrl: string; placeholder: string | null; alt: string };

/** 2–4 images side by side sharing one zoom and pan: drag any pane and all follow; Z toggles fit ↔ 100%. */
export function SyncedPanes({ panes }: { panes: ComparePane[] }) {
  const [view, setView] = useState(FIT_VIEW);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        event.key.toLowerCase() === "z" &&
        !(event.target as HTMLElement | null)?.closest("input, textarea")
      )
        setView(toggleZoom);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <div className="space-y-2">
      <ZoomControls view={view} onViewChange={setView} />
      <div className="grid gap-2" style={{ gridTemplateColumns: `repeat(${panes.length}, minmax(0, 1fr))` }}>
        {panes.map((pane) => (
          <div key={pane.id} className="h-[60vh] rounded bg-neutral-900" data-testid="compare-pane">
            <ZoomableImage
              src={pane.previewUrl}
              alt={pane.alt}
              placeholder={pane.placeholder}
              view={view}
              onViewChange={setView}
            />
          </div>
        ))}
      </div>
    </div>
  );
}

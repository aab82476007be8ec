"use client";

import { useState } from "react";
import { ZoomControls } from "./zoom-controls";
import { FIT_VIEW } from "./zoom-view";
import { ZoomableImage } from "./zoomable-image";

/** The image page's large preview: fit, 100% or 200%, drag to pan; the original opens on demand. */
export function ImageViewer({
  previewUrl,
  originalUrl,
  placeholder,
  alt,
}: {
  previewUrl: string;
  originalUrl: string;
  placeholder: string | null;
  alt: string;
}) {
  const [view, setView] = useState(FIT_VIEW);
  return (
    <div className="space-y-2">
      <div className="h-[75vh] rounded-md bg-neutral-900">
        <ZoomableImage
          src={previewUrl}
          alt={alt}
          placeholder={placeholder}
          view={view}
          onViewChange={setView}
        />
      </div>
      <div className="flex items-center gap-4 text-sm">
        <ZoomControls view={view} onViewChange={setView} />
        <a href={originalUrl} target="_blank" rel="noreferrer" className="text-sky-400 hover:underline">
          Open original
        </a>
      </div>
    </div>
  );
}

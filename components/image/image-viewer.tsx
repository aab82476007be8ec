"use client";

import { useState } from "react";
import { FullScreenViewer } from "@/components/review/full-screen-viewer";
import { useReviewHotkeys } from "@/components/review/review-hotkeys";
import type { ViewerSetup } from "@/components/review/viewer-setup";
import { FIT_VIEW, toggleZoom } from "@/components/viewer/zoom-view";
import { ZoomableImage } from "@/components/viewer/zoomable-image";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import type { ReviewDecision } from "@/lib/enums/review-enums";
import { ImageReviewBar } from "./image-review-bar";
import { ZoomControls } from "./zoom-controls";

/**
 * The image page's large preview: fit, 100% or 200% (Z), drag to pan; the original opens on demand. F, ← or →
 * open the full-screen viewer at this image, walking the view in `search`. A reviewer decides and scores here too.
 */
export function ImageViewer({
  imageId,
  previewUrl,
  originalUrl,
  placeholder,
  alt,
  search,
  setup,
  review,
}: {
  /** The reviewer's own review of the image and its consensus (reviewers only): buttons and keys under it. */
  review: { initial: { decision: ReviewDecision | null; score: number | null }; status: ReviewStatus } | null;
  imageId: string;
  previewUrl: string;
  originalUrl: string;
  placeholder: string | null;
  alt: string;
  search: string;
  setup: ViewerSetup;
}) {
  const [view, setView] = useState(FIT_VIEW);
  const [isFullScreen, setFullScreen] = useState(false);
  const open = () => setFullScreen(true);
  useReviewHotkeys(
    { f: open, arrowleft: open, arrowright: open, z: () => setView(toggleZoom) },
    !isFullScreen,
  );
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
        <button
          type="button"
          onClick={open}
          className="rounded border border-neutral-700 px-2 py-1 text-xs hover:bg-neutral-800"
        >
          Full screen <kbd className="text-neutral-400">F</kbd>
        </button>
        <a href={originalUrl} target="_blank" rel="noreferrer" className="text-sky-400 hover:underline">
          Open original
        </a>
      </div>
      {review ? (
        <ImageReviewBar
          imageId={imageId}
          initial={review.initial}
          status={review.status}
          record={setup.actions.record}
          isEnabled={!isFullScreen}
        />
      ) : null}
      {isFullScreen ? (
        <FullScreenViewer search={search} at={imageId} setup={setup} onClose={() => setFullScreen(false)} />
      ) : null}
    </div>
  );
}

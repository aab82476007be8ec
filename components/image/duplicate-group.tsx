"use client";

import type { ReactNode } from "react";
import type { GalleryActions } from "@/components/gallery/gallery-actions";
import { useBulkReview } from "@/components/gallery/use-bulk-review";
import type { SimilarThumbnail } from "@/lib/images/similar/load-similar-thumbnails";

type KeepActions = Pick<GalleryActions, "bulkReview" | "undoBulk">;

/**
 * One near-duplicate group: its thumbnails and a compare link; for reviewers, "keep this one, reject the rest"
 * under each image (one bulk change, recorded with the kept image, that one Undo takes back).
 */
export function DuplicateGroup({
  thumbnails,
  actions,
}: {
  thumbnails: SimilarThumbnail[];
  actions: KeepActions | null;
}) {
  return actions ? (
    <ReviewableGroup thumbnails={thumbnails} actions={actions} />
  ) : (
    <GroupLayout thumbnails={thumbnails} />
  );
}

function ReviewableGroup({ thumbnails, actions }: { thumbnails: SimilarThumbnail[]; actions: KeepActions }) {
  const changes = useBulkReview(actions, IGNORE_STATUSES);
  const ids = thumbnails.map((image) => image.id);
  const undoId = changes.message?.undoId;
  return (
    <GroupLayout
      thumbnails={thumbnails}
      under={(keptId) => (
        <button
          type="button"
          disabled={changes.isPending}
          onClick={() =>
            changes.run(
              {
                target: { kind: "duplicates", keep: keptId, imageIds: ids },
                change: { action: "decide", decision: "reject" },
              },
              (count) => `Kept one, rejected ${count}`,
            )
          }
          className="min-h-9 rounded border border-neutral-700 px-2 text-xs leading-tight hover:bg-neutral-800"
        >
          Keep this one, reject the rest
        </button>
      )}
      footer={
        <>
          <span role="status" className="text-neutral-300">
            {changes.message?.text}
          </span>
          {undoId ? (
            <button
              type="button"
              disabled={changes.isPending}
              onClick={() => changes.undo(undoId)}
              className="min-h-8 rounded border border-neutral-600 px-2 text-sky-300 hover:bg-neutral-800"
            >
              Undo
            </button>
          ) : null}
        </>
      }
    />
  );
}

function GroupLayout({
  thumbnails,
  under,
  footer,
}: {
  thumbnails: SimilarThumbnail[];
  under?: (imageId: string) => ReactNode;
  footer?: ReactNode;
}) {
  const ids = thumbnails.map((image) => image.id);
  return (
    <li className="rounded border border-neutral-800 p-3" data-testid="duplicate-group">
      <ul className="flex flex-wrap gap-3">
        {thumbnails.map((image) => (
          <li key={image.id} className="flex w-32 flex-col gap-1">
            <a href={`/images/${image.id}`}>
              <img
                src={image.thumbUrl}
                alt={image.prompt ?? "generated image"}
                className="h-32 w-32 rounded bg-neutral-900 object-contain"
                loading="lazy"
              />
            </a>
            {under?.(image.id)}
          </li>
        ))}
      </ul>
      <div className="mt-2 flex flex-wrap items-center gap-3 text-xs">
        <a
          className="text-neutral-400 hover:text-neutral-50"
          href={`/compare?ids=${ids.slice(0, 4).join(",")}`}
        >
          Compare {Math.min(ids.length, 4)}
        </a>
        {footer}
      </div>
    </li>
  );
}

// The page shows no statuses, so a bulk change has nothing to repaint.
const IGNORE_STATUSES = () => {};

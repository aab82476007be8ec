"use client";

import type { GalleryActions } from "@/components/gallery/gallery-actions";
import { useBulkReview } from "@/components/gallery/use-bulk-review";
import type { SimilarThumbnail } from "@/lib/images/similar/load-similar-thumbnails";

/**
 * One near-duplicate group: its thumbnails, a compare link, and (for reviewers) "keep this one, reject the rest"
 * under each image: one bulk change, recorded with the kept image, that one Undo takes back.
 */
export function DuplicateGroup({
  thumbnails,
  actions,
}: {
  thumbnails: SimilarThumbnail[];
  actions: Pick<GalleryActions, "bulkReview" | "undoBulk"> | null;
}) {
  const ids = thumbnails.map((image) => image.id);
  const changes = useBulkReview(actions ?? NO_ACTIONS, IGNORE);
  const keep = (keptId: string) =>
    changes.run(
      {
        target: { kind: "duplicates", keep: keptId, imageIds: ids },
        change: { action: "decide", decision: "reject" },
      },
      (count) => `Kept one, rejected ${count}`,
    );
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
            {actions ? (
              <button
                type="button"
                disabled={changes.isPending}
                onClick={() => keep(image.id)}
                className="min-h-9 rounded border border-neutral-700 px-2 text-xs leading-tight hover:bg-neutral-800"
              >
                Keep this one, reject the rest
              </button>
            ) : null}
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
        <span role="status" className="text-neutral-300">
          {changes.message?.text}
        </span>
        {changes.message?.undoId ? (
          <button
            type="button"
            disabled={changes.isPending}
            onClick={() => changes.message?.undoId && changes.undo(changes.message.undoId)}
            className="min-h-8 rounded border border-neutral-600 px-2 text-sky-300 hover:bg-neutral-800"
          >
            Undo
          </button>
        ) : null}
      </div>
    </li>
  );
}

const IGNORE = () => {};
const NO_ACTIONS: Pick<GalleryActions, "bulkReview" | "undoBulk"> = {
  bulkReview: async () => ({ ok: false, error: { code: "forbidden", message: "Only reviewers decide" } }),
  undoBulk: async () => ({ ok: false, error: { code: "forbidden", message: "Only reviewers decide" } }),
};

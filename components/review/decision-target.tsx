import type { ImageTile } from "@/lib/images/selection/list-image-tiles";
import type { ReviewState } from "@/lib/review/review-state";
import type { TagView } from "@/lib/tags/tag-input";

/**
 * Where T, N and the tag keys land right now. After a rejection it is the rejected image (shown small, with
 * what it already carries) until the next decision or move; otherwise the image on screen.
 */
export function DecisionTarget({
  target,
  state,
  tags,
  onRelease,
}: {
  target: ImageTile | null;
  state: ReviewState;
  tags: TagView[];
  onRelease: () => void;
}) {
  if (!target) {
    return (
      <p className="text-xs text-neutral-500" data-testid="tag-target" data-target="current">
        Tags and note go to this image
      </p>
    );
  }
  const chosen = tags.filter((tag) => state.tagIds.includes(tag.id)).map((tag) => tag.name);
  return (
    <div
      className="flex items-center gap-2 rounded border border-red-400 p-1.5 text-xs"
      data-testid="tag-target"
      data-target={target.id}
    >
      <img src={target.url} alt="" className="size-10 shrink-0 rounded object-cover" />
      <div className="min-w-0 flex-1">
        <p className="font-semibold text-red-400">Tags and note go to the image you just rejected</p>
        <p className="truncate text-neutral-400" data-testid="target-reasons">
          {chosen.length > 0 ? chosen.join(", ") : "no reasons yet"}
          {state.note ? ` · “${state.note}”` : ""}
        </p>
      </div>
      <button type="button" onClick={onRelease} className="shrink-0 text-neutral-400 hover:text-neutral-50">
        Use this image
      </button>
    </div>
  );
}

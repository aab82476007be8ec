"use client";

import { useState } from "react";
import { FIT_VIEW, toggleZoom } from "@/components/image/zoom-view";
import { ZoomableImage } from "@/components/image/zoomable-image";
import { formatSelectionCount, type SelectionCount } from "@/lib/images/selection/format-count";
import { EMPTY_REVIEW_STATE } from "@/lib/review/review-state";
import type { TagView } from "@/lib/tags/tag-input";
import { KeyHelp } from "./key-help";
import { NoteEditor } from "./note-editor";
import { ReasonPicker } from "./reason-picker";
import type { ReviewActions } from "./review-actions";
import { useReviewHotkeys } from "./review-hotkeys";
import { ReviewPanel } from "./review-panel";
import { useReviewChanges } from "./use-review-changes";
import { type ReviewQueueStart, useReviewQueue } from "./use-review-queue";

type Overlay = "tags" | "note" | "help" | null;

/** Full-screen review of a view, one image at a time, driven by the keyboard (? lists the keys). */
export function ReviewDesk(props: {
  search: string;
  start: ReviewQueueStart;
  total: SelectionCount;
  left: SelectionCount;
  tags: TagView[];
  exitHref: string;
  actions: ReviewActions;
}) {
  const queue = useReviewQueue(props.search, props.start, props.actions.loadItems);
  const changes = useReviewChanges({
    reviews: queue.reviews,
    setReviews: queue.setReviews,
    left: props.left.count,
    onUndone: queue.goTo,
    actions: props.actions,
  });
  const [tags, setTags] = useState(props.tags);
  const [overlay, setOverlay] = useState<Overlay>(null);
  const [view, setView] = useState(FIT_VIEW);
  const item = queue.current;
  const state = (item && queue.reviews[item.id]) || EMPTY_REVIEW_STATE;

  const move = (delta: number) => {
    setView(FIT_VIEW);
    queue.move(delta);
  };
  const decide = (decision: "approve" | "reject" | "skip") => {
    if (!item) return;
    changes.save(item.id, { action: "decide", decision });
    move(1);
  };
  const toggleTag = (tagId: string) => {
    if (!item) return;
    const tagIds = state.tagIds.includes(tagId)
      ? state.tagIds.filter((id) => id !== tagId)
      : [...state.tagIds, tagId];
    changes.save(item.id, { action: "tag", tagIds });
  };
  const createLabel = async (name: string) => {
    const created = await props.actions.createLabel({ name });
    if (!created.ok) return;
    setTags((current) => [...current, created.data]);
    toggleTag(created.data.id);
  };
  const score = (value: number) => item && changes.save(item.id, { action: "score", score: value });

  useReviewHotkeys(
    {
      a: () => decide("approve"),
      x: () => decide("reject"),
      s: () => decide("skip"),
      ...Object.fromEntries([1, 2, 3, 4, 5].map((value) => [String(value), () => score(value)])),
      t: () => item && setOverlay("tags"),
      n: () => item && setOverlay("note"),
      u: () => changes.undo(),
      arrowright: () => move(1),
      j: () => move(1),
      arrowleft: () => move(-1),
      k: () => move(-1),
      z: () => setView(toggleZoom),
      "?": () => setOverlay("help"),
      escape: () => window.location.assign(props.exitHref),
      ...Object.fromEntries(
        tags.flatMap((tag) => (tag.hotkey ? [[tag.hotkey, () => toggleTag(tag.id)]] : [])),
      ),
    },
    overlay === null,
  );
  useReviewHotkeys({ escape: () => setOverlay(null) }, overlay === "help");

  const left = formatSelectionCount({ count: changes.left, capped: props.left.capped });
  return (
    <div className="fixed inset-0 z-50 flex flex-col bg-neutral-950" data-testid="review-desk">
      <header className="flex items-center gap-4 border-b border-neutral-800 px-4 py-2 text-sm">
        <a href={props.exitHref} className="text-neutral-400 hover:text-white">
          ← Gallery
        </a>
        <span data-testid="review-progress">
          {left} of {formatSelectionCount(props.total)} left in this view
        </span>
        <span className="text-neutral-500">
          {item ? `#${queue.index + 1}` : "end"} · zoom {view.scale === "fit" ? "fit" : "100%"}
        </span>
        <span data-testid="save-state" className="ml-auto text-xs text-neutral-500">
          {changes.pending > 0 ? "Saving…" : "All changes saved"}
        </span>
        {changes.error ? (
          <span role="alert" className="text-xs text-red-400">
            {changes.error}
          </span>
        ) : null}
        <button
          type="button"
          onClick={() => setOverlay("help")}
          className="text-neutral-400 hover:text-white"
        >
          ? keys
        </button>
      </header>
      <div className="relative flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1" data-testid="review-stage" data-image-id={item?.id}>
          {item ? (
            <ZoomableImage
              key={item.id}
              src={item.url}
              alt={item.prompt ?? "generated image"}
              placeholder={item.placeholder}
              view={view}
              onViewChange={setView}
            />
          ) : (
            <div className="flex h-full flex-col items-center justify-center gap-2 text-neutral-400">
              <p>Nothing more to review in this view.</p>
              <a href={props.exitHref} className="text-sky-400 hover:underline">
                Back to the gallery
              </a>
            </div>
          )}
        </div>
        {item ? <ReviewPanel item={item} state={state} tags={tags} /> : null}
        {overlay === "tags" ? (
          <ReasonPicker
            tags={tags}
            chosen={state.tagIds}
            onToggle={toggleTag}
            onCreateLabel={createLabel}
            onClose={() => setOverlay(null)}
          />
        ) : null}
        {overlay === "note" ? (
          <NoteEditor
            initial={state.note}
            onSave={(note) => item && changes.save(item.id, { action: "note", note })}
            onClose={() => setOverlay(null)}
          />
        ) : null}
        {overlay === "help" ? <KeyHelp tags={tags} onClose={() => setOverlay(null)} /> : null}
      </div>
    </div>
  );
}

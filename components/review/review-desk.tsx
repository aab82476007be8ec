"use client";

import { useCallback, useState } from "react";
import { settled } from "@/components/actions/settle-actions";
import type { SavePreferences } from "@/components/ui/preferences-action";
import { FIT_VIEW, toggleZoom } from "@/components/viewer/zoom-view";
import { ZoomableImage } from "@/components/viewer/zoomable-image";
import type { ReviewDecision } from "@/lib/enums/review-enums";
import type { SelectionCount } from "@/lib/images/selection/format-count";
import type { UserPreferences } from "@/lib/preferences/user-preferences";
import { EMPTY_REVIEW_STATE } from "@/lib/review/review-state";
import type { TagView } from "@/lib/tags/tag-input";
import { DecisionTarget } from "./decision-target";
import { DeskHeader } from "./desk-header";
import { DeskOverlays, type Overlay } from "./desk-overlays";
import type { ReviewActions } from "./review-actions";
import { useReviewHotkeys } from "./review-hotkeys";
import { ReviewPanel } from "./review-panel";
import { ReviewTouchBar } from "./review-touch-bar";
import { SwipeFeedback, SwipeHint } from "./swipe-feedback";
import { UndoToast } from "./undo-toast";
import { useLeaseFreshness } from "./use-lease-freshness";
import { useReviewChanges } from "./use-review-changes";
import { useReviewDetails } from "./use-review-details";
import { type ReviewQueueStart, useReviewQueue } from "./use-review-queue";
import { useSwipe } from "./use-swipe";
import { useTeamProgress } from "./use-team-progress";

/**
 * Full-screen review of a view, one image at a time, by keyboard (? lists the keys), buttons or swipes (→ approve,
 * ← reject, with Undo). Also the gallery's full-screen viewer: then `onExit` closes it in place and the URL is left
 * alone. In review mode over a leased view (`team` set) the queue is the reviewer's share of the view, and the
 * team's progress shows beside theirs.
 */
export function ReviewDesk(props: {
  search: string;
  start: ReviewQueueStart;
  total: SelectionCount;
  left: SelectionCount;
  team?: SelectionCount | null;
  leaseMinutes?: number | null;
  tags: TagView[];
  exitHref: string;
  actions: ReviewActions;
  preferences: Pick<UserPreferences, "rejectFlow">;
  savePreferences: SavePreferences;
  canReview: boolean;
  onExit?: () => void;
}) {
  const progress = useTeamProgress(props.team ?? null);
  const lease = useLeaseFreshness(props.leaseMinutes);
  const queue = useReviewQueue(
    props.search,
    props.start,
    props.actions.loadItems,
    !props.onExit,
    progress.counts,
  );
  const changes = useReviewChanges({
    reviews: queue.reviews,
    setReviews: queue.setReviews,
    left: props.left.count,
    onUndone: queue.goTo,
    onRecorded: (recorded) => {
      const tile = queue.items.find((candidate) => candidate.id === recorded.imageId);
      progress.recorded(recorded.imageId, tile?.reviewStatus ?? "unreviewed", recorded.reviewStatus);
    },
    // Settled: a lost request undoes the change it showed and says so, instead of "Saving…" for good.
    actions: { record: settled(props.actions.record), undo: settled(props.actions.undo) },
  });
  const [tags, setTags] = useState(props.tags);
  const [overlay, setOverlay] = useState<Overlay>(null);
  const [view, setView] = useState(FIT_VIEW);
  const [rejectFlow, setRejectFlow] = useState(props.preferences.rejectFlow);
  // The image just rejected: its reasons and note are what a reviewer types next (see DecisionTarget).
  const [rejected, setRejected] = useState<(typeof queue.items)[number] | null>(null);
  const item = queue.current;
  const tagged = rejected ?? item;
  const state = (item && queue.reviews[item.id]) || EMPTY_REVIEW_STATE;
  const taggedState = (tagged && queue.reviews[tagged.id]) || EMPTY_REVIEW_STATE;
  const details = useReviewDetails(
    [queue.items[queue.index - 1]?.id, item?.id, queue.items[queue.index + 1]?.id],
    props.actions.loadDetails,
  );
  const previousId = queue.items[queue.index - 1]?.id;

  const exit = () => (props.onExit ? props.onExit() : window.location.assign(props.exitHref));
  const move = (delta: number) => {
    setView(FIT_VIEW);
    setRejected(null);
    queue.move(delta);
  };
  const decide = (decision: ReviewDecision) => {
    if (!item || !props.canReview || lease.isStale()) return;
    lease.touch();
    changes.save(item.id, { action: "decide", decision });
    setView(FIT_VIEW);
    queue.move(1);
    setRejected(decision === "reject" ? item : null);
    if (decision === "reject" && rejectFlow === "picker") setOverlay("tags");
  };
  const toggleTag = (tagId: string) => {
    if (!tagged || !props.canReview) return;
    const tagIds = taggedState.tagIds.includes(tagId)
      ? taggedState.tagIds.filter((id) => id !== tagId)
      : [...taggedState.tagIds, tagId];
    changes.save(tagged.id, { action: "tag", tagIds });
  };
  const createLabel = async (name: string) => {
    const created = await settled(props.actions.createLabel)({ name });
    if (!created.ok) return;
    setTags((current) => [...current, created.data]);
    toggleTag(created.data.id);
  };
  const score = (value: number) =>
    item && props.canReview && changes.save(item.id, { action: "score", score: value });
  const chooseRejectFlow = (flow: UserPreferences["rejectFlow"]) => {
    setRejectFlow(flow);
    void props.savePreferences({ rejectFlow: flow });
  };
  // A reviewer's swipe decides (→ approve, ← reject) and can be undone from the toast; a viewer's swipe moves.
  const [swipeDx, setSwipeDx] = useState<number | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const swipe = useSwipe(
    (direction) => {
      if (!props.canReview || !item) return move(direction === "left" ? 1 : -1);
      const decision = direction === "right" ? "approve" : "reject";
      setToast(`${decision === "approve" ? "Approved" : "Rejected"} #${queue.index + 1}`);
      decide(decision);
    },
    view.scale === "fit",
    setSwipeDx,
  );
  const undo = () => {
    if (!props.canReview) return;
    setRejected(null);
    changes.undo();
  };
  const closeToast = useCallback(() => setToast(null), []);

  const keysReady = useReviewHotkeys(
    {
      a: () => decide("approve"),
      x: () => decide("reject"),
      s: () => decide("skip"),
      ...Object.fromEntries([1, 2, 3, 4, 5].map((value) => [String(value), () => score(value)])),
      t: () => tagged && props.canReview && setOverlay("tags"),
      n: () => tagged && props.canReview && setOverlay("note"),
      u: undo,
      arrowright: () => move(1),
      j: () => move(1),
      arrowleft: () => move(-1),
      k: () => move(-1),
      z: () => setView(toggleZoom),
      "?": () => setOverlay("help"),
      escape: exit,
      ...Object.fromEntries(
        tags.flatMap((tag) => (tag.hotkey ? [[tag.hotkey, () => toggleTag(tag.id)]] : [])),
      ),
    },
    overlay === null,
  );
  useReviewHotkeys({ escape: () => setOverlay(null) }, overlay === "help");

  return (
    <div
      className="fixed inset-0 z-50 flex flex-col bg-neutral-950"
      data-testid={props.onExit ? "image-viewer" : "review-desk"}
      role="dialog"
      aria-modal="true"
      aria-label={props.onExit ? "Full-screen viewer" : "Review desk"}
    >
      <DeskHeader
        onExit={exit}
        onHelp={() => setOverlay("help")}
        progress={
          props.canReview
            ? { total: props.total, left: changes.left, capped: props.left.capped, team: progress.team }
            : null
        }
        position={item ? `#${queue.index + 1}` : "end"}
        onMove={move}
        zoom={view.scale === "fit" ? "fit" : "100%"}
        pending={changes.pending}
        error={changes.error}
      />
      {/* On a phone the image comes first at a fixed height, the buttons under it, the details scroll below. */}
      <div className="relative flex min-h-0 flex-1 flex-col overflow-y-auto md:flex-row md:overflow-hidden">
        <div className="flex min-w-0 shrink-0 flex-col md:min-h-0 md:flex-1 md:shrink">
          <div
            className="relative h-[55vh] shrink-0 md:h-auto md:min-h-0 md:flex-1"
            data-testid="review-stage"
            data-image-id={item?.id}
            data-keys={keysReady ? "on" : "off"}
            {...swipe}
          >
            <SwipeFeedback dx={props.canReview ? swipeDx : null} />
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
                <button type="button" onClick={exit} className="text-sky-400 hover:underline">
                  Back to the gallery
                </button>
              </div>
            )}
          </div>
          {item && props.canReview ? <SwipeHint /> : null}
          {item && props.canReview ? (
            <ReviewTouchBar
              score={state.score}
              onDecide={decide}
              onScore={score}
              onTags={() => setOverlay("tags")}
              onNote={() => setOverlay("note")}
            />
          ) : null}
        </div>
        {item ? (
          <ReviewPanel
            item={item}
            state={state}
            tags={tags}
            details={details[item.id]}
            previous={(previousId && details[previousId]) || null}
          >
            {props.canReview ? (
              <DecisionTarget
                target={rejected}
                state={taggedState}
                tags={tags}
                onRelease={() => setRejected(null)}
              />
            ) : null}
          </ReviewPanel>
        ) : null}
        <DeskOverlays
          overlay={overlay}
          tags={tags}
          state={taggedState}
          rejectFlow={rejectFlow}
          onRejectFlow={chooseRejectFlow}
          onToggleTag={toggleTag}
          onCreateLabel={createLabel}
          onSaveNote={(note) => tagged && changes.save(tagged.id, { action: "note", note })}
          onClose={() => setOverlay(null)}
        />
      </div>
      {toast ? <UndoToast text={toast} onUndo={undo} onDone={closeToast} /> : null}
    </div>
  );
}

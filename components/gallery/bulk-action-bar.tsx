"use client";

import { Button, Select } from "@/components/ui/form-controls";
import type { ReviewDecision } from "@/lib/enums/review-enums";
import { MAX_HANDOFF_IDS_IN_LINK } from "@/lib/handoff/handoff-limits";
import type { TagView } from "@/lib/tags/tag-input";
import type { GalleryActions } from "./gallery-actions";
import type { ViewSelection } from "./use-selection";

export type BulkOptions = {
  canReview: boolean;
  tags: TagView[];
  /** Only for admins, who may change datasets. */
  datasets: { id: string; name: string }[] | null;
  /** Critics with current critiques: what the critics' rule can follow. */
  critics: string[];
  actions: GalleryActions;
};

// Inside the grid's sticky bar of fixed height: takes the room the view options leave, and scrolls sideways.
const BAR =
  "flex h-full min-w-0 flex-1 items-center gap-2 overflow-x-auto overflow-y-hidden whitespace-nowrap text-sm [&>*]:shrink-0";

/**
 * What can be done to the selection: approve, reject, tag, add to a dataset, hand off, compare (2–4). One line of fixed
 * height whatever it holds (it scrolls sideways on a phone): a bar that grows would move the grid under a drag.
 */
export function BulkActionBar({
  picked,
  view,
  loadedCount,
  options,
  isPending,
  onSelectView,
  onSelectLoaded,
  onDecide,
  onTag,
  onAddToDataset,
  onCritics,
  onClear,
}: {
  picked: string[];
  view: ViewSelection | null;
  loadedCount: number;
  options: BulkOptions;
  isPending: boolean;
  onSelectView: () => void;
  onSelectLoaded: () => void;
  onDecide: (decision: ReviewDecision) => void;
  onTag: (tagId: string) => void;
  onAddToDataset: (datasetId: string) => void;
  onCritics: () => void;
  onClear: () => void;
}) {
  const count = view ? view.count : picked.length;
  if (count === 0) {
    return (
      <div className={BAR} data-testid="bulk-bar">
        {options.canReview ? (
          <Button variant="secondary" className="py-1" disabled={isPending} onClick={onSelectView}>
            Select all in view
          </Button>
        ) : (
          <Button variant="secondary" className="py-1" onClick={onSelectLoaded}>
            Select the {loadedCount} loaded
          </Button>
        )}
        {options.canReview && options.critics.length > 0 ? (
          <Button variant="secondary" className="py-1" onClick={onCritics}>
            Critics decide…
          </Button>
        ) : null}
        <span className="hidden min-w-0 truncate text-neutral-500 md:inline">
          Drag, Ctrl/⌘- or Shift-click to select; arrows move, Space selects, A X 1–5 T act, Enter opens
        </span>
      </div>
    );
  }
  return (
    <div className={BAR} data-testid="bulk-bar">
      <span
        data-testid="selection-count"
        title={view ? "The whole filtered view, not only the loaded tiles" : undefined}
      >
        {view ? (
          <>
            All {count.toLocaleString("en-US")}
            {view.isOverLimit ? "+" : ""}
            {/* Short on a phone, so the decisions fit beside it. */}
            <span className="hidden sm:inline"> in this view</span>
          </>
        ) : (
          `${count} selected`
        )}
      </span>
      {options.canReview ? (
        <>
          <Button className="py-1" disabled={isPending} onClick={() => onDecide("approve")}>
            Approve
          </Button>
          <Button variant="danger" className="py-1" disabled={isPending} onClick={() => onDecide("reject")}>
            Reject
          </Button>
          {view ? null : (
            <Select
              aria-label="Tag selected"
              value=""
              disabled={isPending}
              onChange={(e) => onTag(e.target.value)}
            >
              <option value="">Tag…</option>
              {options.tags.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
            </Select>
          )}
        </>
      ) : null}
      {options.datasets && !view ? (
        <Select
          aria-label="Add selected to dataset"
          value=""
          disabled={isPending}
          onChange={(e) => onAddToDataset(e.target.value)}
        >
          <option value="">Add to dataset…</option>
          {options.datasets.map((dataset) => (
            <option key={dataset.id} value={dataset.id}>
              {dataset.name}
            </option>
          ))}
        </Select>
      ) : null}
      {view ? null : count <= MAX_HANDOFF_IDS_IN_LINK ? (
        <a className="text-sky-400 hover:underline" href={`/gallery/handoff?ids=${picked.join(",")}`}>
          Handoff ZIP
        </a>
      ) : (
        <span className="text-neutral-500">
          Handoff: at most {MAX_HANDOFF_IDS_IN_LINK} selected (hand off the view instead)
        </span>
      )}
      {!view && count >= 2 && count <= 4 ? (
        <a className="text-sky-400 hover:underline" href={`/compare?ids=${picked.join(",")}`}>
          Compare
        </a>
      ) : null}
      <Button variant="secondary" className="py-1" onClick={onClear}>
        Clear
      </Button>
    </div>
  );
}

"use client";

import { useState, useTransition } from "react";
import { Button, Select } from "@/components/ui/form-controls";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import { MAX_HANDOFF_IDS_IN_LINK } from "@/lib/handoff/handoff-limits";
import type { TagView } from "@/lib/tags/tag-input";
import type { GalleryActions } from "./gallery-actions";

export type BulkOptions = {
  canReview: boolean;
  tags: TagView[];
  /** Only for admins, who may change datasets. */
  datasets: { id: string; name: string }[] | null;
  actions: GalleryActions;
};

/** What can be done to the selected tiles: approve, reject, tag, add to a dataset, hand off, compare (2–4). */
export function BulkActionBar({
  selectedIds,
  options,
  onStatuses,
  onSelectAll,
  onClear,
}: {
  selectedIds: string[];
  options: BulkOptions;
  onStatuses: (statuses: Record<string, ReviewStatus>) => void;
  onSelectAll: () => void;
  onClear: () => void;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const count = selectedIds.length;
  const run = (work: () => Promise<string>) =>
    startTransition(async () => {
      setMessage(await work());
    });
  const decide = (decision: "approve" | "reject") =>
    run(async () => {
      const result = await options.actions.bulkDecide({ imageIds: selectedIds, decision });
      if (!result.ok) return result.error.message;
      onStatuses(result.data.statuses);
      return `${decision === "approve" ? "Approved" : "Rejected"} ${Object.keys(result.data.statuses).length}`;
    });
  const tag = (tagId: string) =>
    run(async () => {
      const result = await options.actions.bulkTag({ imageIds: selectedIds, tagId });
      return result.ok ? `Tagged ${result.data.added}` : result.error.message;
    });
  const addToDataset = (datasetId: string) =>
    run(async () => {
      const result = await options.actions.addToDataset({ imageIds: selectedIds, datasetId });
      return result.ok ? `Added ${result.data.added} to the dataset` : result.error.message;
    });

  return (
    <div className="sticky top-0 z-10 flex flex-wrap items-center gap-2 border-b border-neutral-800 bg-neutral-950/95 py-2 text-sm backdrop-blur">
      <Button variant="secondary" className="py-1" onClick={onSelectAll}>
        Select all in view
      </Button>
      {count > 0 ? (
        <>
          <span data-testid="selection-count">{count} selected</span>
          {options.canReview ? (
            <>
              <Button className="py-1" disabled={isPending} onClick={() => decide("approve")}>
                Approve
              </Button>
              <Button variant="danger" className="py-1" disabled={isPending} onClick={() => decide("reject")}>
                Reject
              </Button>
              <Select
                aria-label="Tag selected"
                value=""
                disabled={isPending}
                onChange={(e) => tag(e.target.value)}
              >
                <option value="">Tag…</option>
                {options.tags.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name}
                  </option>
                ))}
              </Select>
            </>
          ) : null}
          {options.datasets ? (
            <Select
              aria-label="Add selected to dataset"
              value=""
              disabled={isPending}
              onChange={(e) => addToDataset(e.target.value)}
            >
              <option value="">Add to dataset…</option>
              {options.datasets.map((dataset) => (
                <option key={dataset.id} value={dataset.id}>
                  {dataset.name}
                </option>
              ))}
            </Select>
          ) : null}
          {count <= MAX_HANDOFF_IDS_IN_LINK ? (
            <a
              className="text-sky-400 hover:underline"
              href={`/gallery/handoff?ids=${selectedIds.join(",")}`}
            >
              Handoff ZIP
            </a>
          ) : (
            <span className="text-neutral-500">
              Handoff: at most {MAX_HANDOFF_IDS_IN_LINK} selected (hand off the view instead)
            </span>
          )}
          {count >= 2 && count <= 4 ? (
            <a className="text-sky-400 hover:underline" href={`/compare?ids=${selectedIds.join(",")}`}>
              Compare
            </a>
          ) : null}
          <Button variant="secondary" className="py-1" onClick={onClear}>
            Clear
          </Button>
        </>
      ) : (
        <span className="text-neutral-500">
          Drag across tiles, Ctrl/⌘-click or Shift-click (on a phone: Select) to choose
        </span>
      )}
      {message ? (
        <span role="status" className="text-neutral-400">
          {message}
        </span>
      ) : null}
    </div>
  );
}

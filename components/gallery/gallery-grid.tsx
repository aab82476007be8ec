"use client";

import type { ImageTile } from "@/lib/images/selection/list-image-tiles";
import { BulkActionBar, type BulkOptions } from "./bulk-action-bar";
import { GalleryTile } from "./gallery-tile";
import { useInfinitePages } from "./use-infinite-pages";
import { useSelection } from "./use-selection";

/** The dense grid: infinite scroll on the keyset cursor, selection and bulk actions. Keyed by the view's URL. */
export function GalleryGrid({
  search,
  initial,
  bulk,
}: {
  search: string;
  initial: { items: ImageTile[]; nextCursor: string | null };
  bulk: BulkOptions;
}) {
  const { items, setItems, hasMore, error, sentinel } = useInfinitePages(
    search,
    initial,
    bulk.actions.loadPage,
  );
  const { selected, clickTile, selectAll, clear } = useSelection(items.map((item) => item.id));
  const updateStatuses = (statuses: Record<string, string>) =>
    setItems((current) =>
      current.map((item) =>
        statuses[item.id] ? { ...item, reviewStatus: statuses[item.id] ?? item.reviewStatus } : item,
      ),
    );
  return (
    <div>
      <BulkActionBar
        selectedIds={[...selected]}
        options={bulk}
        onStatuses={updateStatuses}
        onSelectAll={selectAll}
        onClear={clear}
      />
      {items.length === 0 ? (
        <p className="py-12 text-center text-neutral-500">No images match this view.</p>
      ) : null}
      <ul className="mt-2 grid grid-cols-[repeat(auto-fill,minmax(150px,1fr))] gap-1.5">
        {items.map((item, index) => (
          <GalleryTile
            key={item.id}
            item={item}
            isSelected={selected.has(item.id)}
            onClick={(event) => clickTile(index, event)}
          />
        ))}
      </ul>
      <div ref={sentinel} className="py-6 text-center text-xs text-neutral-600">
        {error ? (
          <span role="alert">{error}</span>
        ) : hasMore ? (
          "Loading more…"
        ) : items.length > 0 ? (
          "End of view"
        ) : null}
      </div>
    </div>
  );
}

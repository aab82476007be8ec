"use client";

import { useState } from "react";
import { FullScreenViewer } from "@/components/review/full-screen-viewer";
import type { ViewerSetup } from "@/components/review/viewer-setup";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import type { ImageTile } from "@/lib/images/selection/list-image-tiles";
import { BulkActionBar, type BulkOptions } from "./bulk-action-bar";
import { GalleryTile } from "./gallery-tile";
import { type GridOptions, GridOptionsBar } from "./grid-options";
import { useDragSelect } from "./use-drag-select";
import { useInfinitePages } from "./use-infinite-pages";
import { useSelection } from "./use-selection";

const COLUMNS: Record<GridOptions["tileSize"], string> = {
  small: "grid-cols-[repeat(auto-fill,minmax(96px,1fr))]",
  medium: "grid-cols-[repeat(auto-fill,minmax(150px,1fr))]",
  large: "grid-cols-[repeat(auto-fill,minmax(240px,1fr))]",
};

/**
 * The grid: infinite scroll on the keyset cursor, tile options, selection (keys, drag, tap mode) and bulk
 * actions; a plain click opens the full-screen viewer over the grid. Keyed by the view's URL.
 */
export function GalleryGrid({
  search,
  initial,
  bulk,
  options: initialOptions,
  viewer,
}: {
  search: string;
  initial: { items: ImageTile[]; nextCursor: string | null };
  bulk: BulkOptions;
  options: GridOptions;
  viewer: ViewerSetup;
}) {
  const { items, setItems, hasMore, error, sentinel } = useInfinitePages(
    search,
    initial,
    bulk.actions.loadPage,
  );
  const { selected, clickTile, addMany, selectAll, clear } = useSelection(items.map((item) => item.id));
  const drag = useDragSelect(selected, addMany);
  const [options, setOptions] = useState(initialOptions);
  const [isSelectMode, setSelectMode] = useState(false);
  const [openAt, setOpenAt] = useState<string | null>(null);
  const updateStatuses = (statuses: Record<string, ReviewStatus>) =>
    setItems((current) =>
      current.map((item) =>
        statuses[item.id] ? { ...item, reviewStatus: statuses[item.id] ?? item.reviewStatus } : item,
      ),
    );
  const changeOptions = (patch: Partial<GridOptions>) => {
    setOptions((current) => ({ ...current, ...patch }));
    void viewer.savePreferences(patch);
  };
  const closeViewer = () => {
    const id = openAt;
    setOpenAt(null);
    // Back on the tile it opened from: the page never moved, and the keyboard continues from here.
    if (id) document.querySelector<HTMLElement>(`[data-tile-id="${id}"] a`)?.focus({ preventScroll: true });
  };
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <BulkActionBar
          selectedIds={[...selected]}
          options={bulk}
          onStatuses={updateStatuses}
          onSelectAll={selectAll}
          onClear={clear}
        />
        <GridOptionsBar
          options={options}
          onChange={changeOptions}
          isSelectMode={isSelectMode}
          onSelectMode={setSelectMode}
        />
      </div>
      {items.length === 0 ? (
        <p className="py-12 text-center text-neutral-500">No images match this view.</p>
      ) : null}
      <ul
        className={`mt-2 grid select-none gap-1.5 ${COLUMNS[options.tileSize]}`}
        data-testid="gallery-grid"
        data-tile-size={options.tileSize}
        {...drag.handlers}
      >
        {items.map((item, index) => (
          <GalleryTile
            key={item.id}
            item={item}
            isSelected={selected.has(item.id)}
            fit={options.tileFit}
            caption={options.tileCaption}
            onClick={(event) => {
              if (clickTile(index, event, isSelectMode)) return;
              event.preventDefault();
              setOpenAt(item.id);
            }}
          />
        ))}
      </ul>
      {drag.box ? (
        <div
          className="pointer-events-none fixed z-40 border border-sky-400 bg-sky-400/10"
          style={drag.box}
          data-testid="drag-box"
        />
      ) : null}
      <div ref={sentinel} className="py-6 text-center text-xs text-neutral-500">
        {error ? (
          <span role="alert">{error}</span>
        ) : hasMore ? (
          "Loading more…"
        ) : items.length > 0 ? (
          "End of view"
        ) : null}
      </div>
      {openAt ? <FullScreenViewer search={search} at={openAt} setup={viewer} onClose={closeViewer} /> : null}
    </div>
  );
}

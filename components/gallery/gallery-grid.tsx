"use client";

import { type KeyboardEvent, useCallback, useMemo, useState } from "react";
import { settled } from "@/components/actions/settle-actions";
import { FullScreenViewer } from "@/components/review/full-screen-viewer";
import type { ViewerSetup } from "@/components/review/viewer-setup";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { BulkChange } from "@/lib/enums/bulk-rule";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import type { ImageTile } from "@/lib/images/selection/list-image-tiles";
import { aimBulkChange } from "./aim-bulk-change";
import { BulkActionBar, type BulkOptions } from "./bulk-action-bar";
import { BulkMessage } from "./bulk-message";
import { GalleryTile } from "./gallery-tile";
import { type GridDialog, GridDialogs } from "./grid-dialogs";
import { type GridOptions, GridOptionsBar } from "./grid-options";
import { describeDone, useBulkReview } from "./use-bulk-review";
import { useDragSelect } from "./use-drag-select";
import { type GridCommand, useGridKeys } from "./use-grid-keys";
import { useInfinitePages } from "./use-infinite-pages";
import { useReadyTiles } from "./use-ready-tiles";
import { useSelection } from "./use-selection";

const COLUMNS: Record<GridOptions["tileSize"], string> = {
  small: "grid-cols-[repeat(auto-fill,minmax(96px,1fr))]",
  medium: "grid-cols-[repeat(auto-fill,minmax(150px,1fr))]",
  large: "grid-cols-[repeat(auto-fill,minmax(240px,1fr))]",
};

/**
 * The grid: infinite scroll on the keyset cursor, tile options, selection (keys, drag, tap mode, the whole view)
 * and bulk changes with one Undo; a plain click or Enter opens the full-screen viewer over the grid. Keyed by
 * the view's URL.
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
  const ids = useMemo(() => items.map((item) => item.id), [items]);
  useReadyTiles(items, setItems, bulk.actions.loadReadyTiles);
  const selection = useSelection(ids);
  const drag = useDragSelect(selection.selected, selection.addMany);
  const [options, setOptions] = useState(initialOptions);
  const [isSelectMode, setSelectMode] = useState(false);
  const [openAt, setOpenAt] = useState<string | null>(null);
  const [dialog, setDialog] = useState<GridDialog | null>(null);
  const updateStatuses = useCallback(
    (statuses: Record<string, ReviewStatus>) =>
      setItems((current) =>
        current.map((item) => {
          const status = statuses[item.id];
          return status ? { ...item, reviewStatus: status } : item;
        }),
      ),
    [setItems],
  );
  const changes = useBulkReview(bulk.actions, updateStatuses);
  const keys = useGridKeys(items.length, (command) => !openAt && !dialog && runCommand(command));
  const isHydrated = useHydrated();

  const targetOf = (index?: number) =>
    aimBulkChange({
      view: selection.view,
      picked: selection.selected,
      search,
      focusedId: index === undefined ? undefined : items[index]?.id,
    });
  const change = (next: BulkChange, index?: number) => {
    const aimed = targetOf(index);
    if (!aimed || !bulk.canReview) return;
    if (aimed.isView)
      return setDialog({ kind: "confirm", change: next, target: aimed.target, count: aimed.count });
    const reason =
      next.action === "reason" ? viewer.tags.find((tag) => tag.id === next.tagId)?.name : undefined;
    changes.run({ target: aimed.target, change: next }, (count) => describeDone(next, count, reason));
  };
  const runCommand = (command: GridCommand) => {
    if (command.kind === "toggle") return selection.toggle(command.index);
    if (command.kind === "open") return setOpenAt(items[command.index]?.id ?? null);
    if (command.kind === "decide")
      return change({ action: "decide", decision: command.decision }, command.index);
    if (command.kind === "score") return change({ action: "score", score: command.score }, command.index);
    const aimed = targetOf(command.index);
    if (aimed && bulk.canReview) setDialog({ kind: "reasons", index: command.index });
  };
  const selectView = async () => {
    const preview = await settled(bulk.actions.previewBulk)({ target: { kind: "view", view: search } });
    if (preview.ok) selection.selectView(preview.data);
    else changes.say(preview.error.message);
  };
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
      <div className="sticky top-0 z-10 flex h-12 items-center gap-2 border-b border-neutral-800 bg-neutral-950/95 backdrop-blur">
        <BulkActionBar
          picked={[...selection.selected]}
          view={selection.view}
          loadedCount={items.length}
          options={bulk}
          isPending={changes.isPending}
          onSelectView={selectView}
          onSelectLoaded={() => selection.addMany(new Set(), ids)}
          onDecide={(decision) => change({ action: "decide", decision })}
          onTag={async (tagId) => {
            const result = await settled(bulk.actions.bulkTag)({ imageIds: [...selection.selected], tagId });
            changes.say(result.ok ? `Tagged ${result.data.added}` : result.error.message);
          }}
          onAddToDataset={async (datasetId) => {
            const result = await settled(bulk.actions.addToDataset)({
              imageIds: [...selection.selected],
              datasetId,
            });
            changes.say(result.ok ? `Added ${result.data.added} to the dataset` : result.error.message);
          }}
          onCritics={() => setDialog({ kind: "critics" })}
          onClear={selection.clear}
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
        className={`relative mt-2 grid select-none gap-1.5 ${COLUMNS[options.tileSize]}`}
        data-testid="gallery-grid"
        data-tile-size={options.tileSize}
        data-keys={isHydrated ? "on" : "off"}
        aria-label="Images in this view"
        onKeyDown={(event: KeyboardEvent<HTMLElement>) => keys.onKeyDown(event)}
        {...drag.handlers}
      >
        {items.map((item, index) => (
          <GalleryTile
            key={item.id}
            item={item}
            isSelected={selection.view !== null || selection.selected.has(item.id)}
            isFocusable={index === Math.min(keys.focusIndex, items.length - 1)}
            isCompact={options.tileSize === "small"}
            fit={options.tileFit}
            caption={options.tileCaption}
            onFocus={() => keys.setFocusIndex(index)}
            onClick={(event) => {
              if (selection.clickTile(index, event, isSelectMode)) return;
              event.preventDefault();
              setOpenAt(item.id);
            }}
          />
        ))}
        {drag.box ? (
          <li
            aria-hidden="true"
            className="pointer-events-none absolute z-20 border border-sky-400 bg-sky-400/10"
            style={drag.box}
            data-testid="drag-box"
          />
        ) : null}
      </ul>
      <div ref={sentinel} className="py-6 text-center text-xs text-neutral-500">
        {error ? (
          <span role="alert">{error}</span>
        ) : hasMore ? (
          "Loading more…"
        ) : items.length > 0 ? (
          "End of view"
        ) : null}
      </div>
      <GridDialogs
        dialog={dialog}
        view={search}
        loadedCount={items.length}
        critics={bulk.critics}
        tags={viewer.tags}
        actions={bulk.actions}
        createLabel={viewer.actions.createLabel}
        isPending={changes.isPending}
        onReason={(tagId, index) => change({ action: "reason", tagId }, index)}
        onConfirm={(confirmed) => changes.run(confirmed.input, confirmed.sayDone, () => setDialog(null))}
        onClose={(kind) => setDialog((current) => (current?.kind === kind ? null : current))}
      />
      <BulkMessage
        message={changes.message}
        isPending={changes.isPending}
        onUndo={changes.undo}
        onDismiss={() => changes.say(null)}
      />
      {openAt ? <FullScreenViewer search={search} at={openAt} setup={viewer} onClose={closeViewer} /> : null}
    </div>
  );
}

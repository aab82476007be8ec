import { formatSelectionCount, type SelectionCount } from "@/lib/images/selection/format-count";
import { QueueProgress } from "./queue-progress";

/** The desk's top line: the way out, the reviewer's progress through the view, position, zoom and save state. */
export function DeskHeader(props: {
  onExit: () => void;
  onHelp: () => void;
  progress: { total: SelectionCount; left: number; capped: boolean; team: SelectionCount | null } | null;
  position: string;
  /** Back and forward without deciding (a phone's buttons; the keys are ← → J K). */
  onMove: (delta: number) => void;
  zoom: string;
  pending: number;
  error: string | null;
}) {
  const { progress } = props;
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-neutral-800 px-3 py-2 text-sm md:px-4">
      <button type="button" onClick={props.onExit} className="text-neutral-400 hover:text-neutral-50">
        ← Gallery <kbd className="hidden text-xs md:inline">Esc</kbd>
      </button>
      {progress ? (
        <>
          <QueueProgress total={progress.total} left={progress.left} team={progress.team} />
          <span data-testid="review-progress" className="hidden text-neutral-500 lg:inline">
            {formatSelectionCount({ count: progress.left, capped: progress.capped })} of{" "}
            {formatSelectionCount(progress.total)} left in this view
          </span>
        </>
      ) : null}
      <span className="hidden text-neutral-500 md:inline">
        {props.position} · zoom {props.zoom}
      </span>
      <span className="flex items-center gap-1 md:hidden">
        <button
          type="button"
          aria-label="Previous image"
          onClick={() => props.onMove(-1)}
          className="min-h-10 min-w-10 rounded border border-neutral-700"
        >
          ‹
        </button>
        <span className="text-neutral-400">{props.position}</span>
        <button
          type="button"
          aria-label="Next image"
          onClick={() => props.onMove(1)}
          className="min-h-10 min-w-10 rounded border border-neutral-700"
        >
          ›
        </button>
      </span>
      <span data-testid="save-state" className="ml-auto text-xs text-neutral-500">
        {props.pending > 0 ? "Saving…" : "All changes saved"}
      </span>
      {props.error ? (
        <span role="alert" className="text-xs text-red-400">
          {props.error}
        </span>
      ) : null}
      <button
        type="button"
        onClick={props.onHelp}
        className="hidden text-neutral-400 hover:text-neutral-50 md:inline"
      >
        ? keys
      </button>
    </header>
  );
}

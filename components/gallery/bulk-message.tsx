import type { BulkMessage as Message } from "./use-bulk-review";

/**
 * What the last bulk change did, with its Undo: a bar pinned to the bottom of the screen, so it never moves the
 * grid (a message that pushes tiles down is how a drag used to reach the row above).
 */
export function BulkMessage({
  message,
  isPending,
  onUndo,
  onDismiss,
}: {
  message: Message | null;
  isPending: boolean;
  onUndo: (bulkReviewId: string) => void;
  onDismiss: () => void;
}) {
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-3 z-40 flex justify-center px-3">
      <div
        data-testid="bulk-message"
        className={
          message
            ? "pointer-events-auto flex max-w-full items-center gap-3 rounded-lg border border-neutral-700 bg-neutral-900 px-3 py-2 text-sm shadow-xl"
            : "sr-only"
        }
      >
        {/* Always present, so the first message is announced too. */}
        <span role="status" className="min-w-0 break-words">
          {message?.text}
        </span>
        {message ? (
          <>
            {message.undoId ? (
              <button
                type="button"
                disabled={isPending}
                onClick={() => message.undoId && onUndo(message.undoId)}
                className="min-h-8 shrink-0 rounded border border-neutral-600 px-2 font-medium text-sky-300 hover:bg-neutral-800"
              >
                Undo
              </button>
            ) : null}
            <button
              type="button"
              aria-label="Dismiss"
              onClick={onDismiss}
              className="min-h-8 shrink-0 px-1 text-neutral-400 hover:text-neutral-50"
            >
              ×
            </button>
          </>
        ) : null}
      </div>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { settled } from "@/components/actions/settle-actions";
import { Button, FormMessage } from "@/components/ui/form-controls";
import type { CaptionHistoryEntry } from "@/lib/datasets/captions/list-caption-history";
import { CaptionDiffView } from "./caption-diff-view";
import type { WorkbenchActions } from "./workbench-actions";

/**
 * One image's caption changes, newest first, each with "Undo here": it puts back what that change replaced on
 * this image, only if the caption is still what the change made it (the server checks).
 */
export function CaptionHistory({
  datasetId,
  imageId,
  caption,
  canEdit,
  actions,
}: {
  datasetId: string;
  imageId: string;
  /** The current caption: the history reloads when it changes. */
  caption: string;
  canEdit: boolean;
  actions: WorkbenchActions;
}) {
  const router = useRouter();
  const [items, setItems] = useState<CaptionHistoryEntry[] | null>(null);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const [isPending, startTransition] = useTransition();
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the caption changed under the history
  useEffect(() => {
    let live = true;
    actions.loadHistory({ datasetId, imageId }).then((result) => {
      if (!live) return;
      if (result.ok) setItems(result.data.items);
      else setMessage({ error: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [actions, datasetId, imageId, caption]);

  const undo = (changeId: string) =>
    startTransition(async () => {
      const result = await settled(actions.undoChange)({
        datasetId,
        changeId,
        fields: { image_id: imageId },
      });
      setMessage(
        !result.ok
          ? { error: result.error.message }
          : result.data.restored > 0
            ? { success: "Restored" }
            : { error: "The caption changed since that step; nothing was restored" },
      );
      router.refresh();
    });

  if (!items) return <p className="text-xs text-neutral-400">Loading history…</p>;
  return (
    <div className="space-y-1 text-xs" data-testid="caption-history">
      {items.length === 0 ? <p className="text-neutral-400">No changes yet.</p> : null}
      <ol className="space-y-1">
        {items.map((entry) => (
          <li key={entry.change_id} className="border-t border-neutral-800 pt-1">
            <div className="flex flex-wrap items-center gap-2 text-neutral-400">
              <span>
                {entry.at.slice(0, 16).replace("T", " ")} · {entry.kind}
                {entry.by ? ` · ${entry.by}` : ""}
                {entry.undone ? " · undone" : ""}
              </span>
              {canEdit ? (
                <Button
                  type="button"
                  variant="secondary"
                  className="px-2 py-0.5 text-xs"
                  disabled={isPending}
                  onClick={() => undo(entry.change_id)}
                >
                  Undo here
                </Button>
              ) : null}
            </div>
            <CaptionDiffView before={entry.before} after={entry.after} />
          </li>
        ))}
      </ol>
      <FormMessage error={message.error} success={message.success} />
    </div>
  );
}

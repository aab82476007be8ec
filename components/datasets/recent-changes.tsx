"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { settled } from "@/components/actions/settle-actions";
import { Button, FormMessage } from "@/components/ui/form-controls";
import type { CaptionChangeSummary } from "@/lib/datasets/captions/list-caption-changes";
import type { WorkbenchActions } from "./workbench-actions";

/** The dataset's latest caption changes, each undoable in one step (an undo is a change too: undo it to redo). */
export function RecentChanges({
  datasetId,
  changes,
  canEdit,
  actions,
}: {
  datasetId: string;
  changes: CaptionChangeSummary[];
  canEdit: boolean;
  actions: WorkbenchActions;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const [isPending, startTransition] = useTransition();
  const undo = (changeId: string) =>
    startTransition(async () => {
      const result = await settled(actions.undoChange)({ datasetId, changeId, fields: {} });
      setMessage(
        result.ok
          ? {
              success: `${result.data.restored} restored${result.data.skipped ? `, ${result.data.skipped} changed since and left` : ""}`,
            }
          : { error: result.error.message },
      );
      router.refresh();
    });
  if (changes.length === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium">Recent caption changes ({changes.length})</summary>
      <ol className="mt-2 space-y-1" data-testid="caption-changes">
        {changes.map((change) => (
          <li key={change.id} className="flex flex-wrap items-center gap-2 border-t border-neutral-800 pt-1">
            <span className="min-w-0 flex-1 break-words">
              {change.summary} · {change.image_count} · {change.at.slice(0, 16).replace("T", " ")}
              {change.by ? ` · ${change.by}` : ""}
              {change.undone ? " · undone" : ""}
            </span>
            {canEdit && !change.undone && change.image_count > 0 ? (
              <Button
                type="button"
                variant="secondary"
                className="px-2 py-0.5 text-xs"
                disabled={isPending}
                onClick={() => undo(change.id)}
              >
                Undo
              </Button>
            ) : null}
          </li>
        ))}
      </ol>
      <FormMessage error={message.error} success={message.success} />
    </details>
  );
}

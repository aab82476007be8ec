"use client";

import { useCallback, useState, useTransition } from "react";
import { settled } from "@/components/actions/settle-actions";
import type { BulkChange } from "@/lib/enums/bulk-rule";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import type { GalleryActions } from "./gallery-actions";

/** What a bulk change is aimed at, as the bulk review actions take it. */
export type BulkTargetInput =
  | { kind: "picked"; imageIds: string[] }
  | { kind: "duplicates"; keep: string; imageIds: string[] }
  | { kind: "view"; view: string }
  | { kind: "critics"; view: string; verdict: "approve" | "reject"; critic?: string };

export type BulkMessage = { text: string; undoId: string | null };

const DONE: Record<string, string> = { approve: "Approved", reject: "Rejected", skip: "Skipped" };

/** "Approved 65", "Scored 3 with ★4", "Gave 2 the reason “hands”". */
export function describeDone(change: BulkChange, count: number, reasonName?: string): string {
  if (change.action === "decide") return `${DONE[change.decision]} ${count}`;
  if (change.action === "score") return `Scored ${count} with ★${change.score}`;
  return `Gave ${count} the reason “${reasonName ?? "?"}”`;
}

/**
 * Runs bulk changes for the gallery (buttons, keys, the critics' rule) and keeps the one message they leave,
 * with the Undo that takes the last one back whole.
 */
export function useBulkReview(
  actions: Pick<GalleryActions, "bulkReview" | "undoBulk">,
  onStatuses: (statuses: Record<string, ReviewStatus>) => void,
) {
  const [message, setMessage] = useState<BulkMessage | null>(null);
  const [isPending, startTransition] = useTransition();
  const { bulkReview, undoBulk } = actions;

  const run = useCallback(
    (
      input: { target: BulkTargetInput; change: BulkChange; expectedCount?: number },
      sayDone: (count: number) => string,
      onDone?: () => void,
    ) =>
      startTransition(async () => {
        const result = await settled(bulkReview)(input);
        if (!result.ok) return setMessage({ text: result.error.message, undoId: null });
        onStatuses(result.data.statuses);
        setMessage({
          text: sayDone(Object.keys(result.data.statuses).length),
          undoId: result.data.bulkReviewId,
        });
        onDone?.();
      }),
    [bulkReview, onStatuses],
  );

  const undo = useCallback(
    (bulkReviewId: string) =>
      startTransition(async () => {
        const result = await settled(undoBulk)({ bulkReviewId });
        if (!result.ok) return setMessage({ text: result.error.message, undoId: null });
        onStatuses(result.data.statuses);
        const kept = result.data.kept > 0 ? `; ${result.data.kept} kept as you changed them since` : "";
        setMessage({ text: `Undone: ${result.data.undone}${kept}`, undoId: null });
      }),
    [undoBulk, onStatuses],
  );

  const say = useCallback((text: string | null) => setMessage(text ? { text, undoId: null } : null), []);
  return { message, isPending, run, undo, say };
}

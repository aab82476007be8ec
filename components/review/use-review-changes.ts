"use client";

import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from "react";
import type { RecordedReview, RecordReviewInput } from "@/lib/review/record-review";
import { EMPTY_REVIEW_STATE, type ReviewState } from "@/lib/review/review-state";
import type { ReviewActions } from "./review-actions";

type Reviews = Record<string, ReviewState>;
// Omit on each member of the union, so `action` still narrows the rest.
type Change = RecordReviewInput extends infer Input
  ? Input extends unknown
    ? Omit<Input, "imageId">
    : never
  : never;

const patchOf = (change: Change): Partial<ReviewState> =>
  change.action === "decide"
    ? { decision: change.decision }
    : change.action === "score"
      ? { score: change.score }
      : change.action === "note"
        ? { note: change.note }
        : { tagIds: change.tagIds };

/**
 * Review changes, optimistically: the screen changes at once, the server action saves behind it (Next runs
 * actions in order), and a failure puts the old state back. The actions must be settled (a lost request answers
 * as a failure: components/actions/settle-actions.ts), or a throw would leave the change shown and "Saving…" for
 * good. Tracks "left in this view" as decisions come and go.
 */
export function useReviewChanges(options: {
  reviews: Reviews;
  setReviews: Dispatch<SetStateAction<Reviews>>;
  left: number;
  onUndone: (imageId: string) => void;
  /** Each change the server recorded, with the image's status after it. */
  onRecorded?: (recorded: RecordedReview) => void;
  actions: Pick<ReviewActions, "record" | "undo">;
}) {
  const { setReviews, onUndone, onRecorded } = options;
  const { record, undo: undoLast } = options.actions;
  const [left, setLeft] = useState(options.left);
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(options.reviews);
  latest.current = options.reviews;
  // Closing or leaving the page while a change is on its way asks first (the browser's own "Leave site?").
  useEffect(() => {
    if (pending === 0) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [pending]);

  const apply = useCallback(
    (imageId: string, next: ReviewState) => {
      const before = latest.current[imageId] ?? EMPTY_REVIEW_STATE;
      latest.current = { ...latest.current, [imageId]: next };
      setReviews((current) => ({ ...current, [imageId]: next }));
      if ((before.decision === null) !== (next.decision === null))
        setLeft((value) => value + (next.decision ? -1 : 1));
      return before;
    },
    [setReviews],
  );

  const save = useCallback(
    async (imageId: string, change: Change) => {
      const before = apply(imageId, {
        ...(latest.current[imageId] ?? EMPTY_REVIEW_STATE),
        ...patchOf(change),
      });
      setPending((count) => count + 1);
      const result = await record({ ...change, imageId });
      setPending((count) => count - 1);
      if (!result.ok) {
        apply(imageId, before);
        setError(result.error.message);
      } else {
        setError(null);
        onRecorded?.(result.data);
      }
    },
    [apply, record, onRecorded],
  );

  const undo = useCallback(async () => {
    setPending((count) => count + 1);
    const result = await undoLast();
    setPending((count) => count - 1);
    if (!result.ok) return setError(result.error.message);
    apply(result.data.imageId, result.data.state);
    onUndone(result.data.imageId);
    onRecorded?.(result.data);
    setError(null);
  }, [apply, onUndone, onRecorded, undoLast]);

  return { save, undo, left, pending, error };
}

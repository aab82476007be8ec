"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { SelectionCount } from "@/lib/images/selection/format-count";
import type { ImageTile } from "@/lib/images/selection/list-image-tiles";
import type { ReviewState } from "@/lib/review/review-state";
import type { ReviewActions } from "./review-actions";

export type ReviewQueueStart = {
  items: ImageTile[];
  index: number;
  reviews: Record<string, ReviewState>;
  nextCursor: string | null;
  previousCursor: string | null;
};

const PRELOAD_AHEAD = 3;
const LOAD_MARGIN = 5;
// How long a desk near the end of a leased queue that was handed nothing waits before asking again.
const IDLE_ASK_MS = 5000;

/**
 * The images of the view around the current one: loads batches either way before they are needed, preloads the
 * next previews so moving on never waits, and (in review mode) keeps `at=<id>` in the URL so a reload resumes here.
 */
export function useReviewQueue(
  search: string,
  start: ReviewQueueStart,
  loadItems: ReviewActions["loadItems"],
  isUrlSynced = true,
  onTeamCounted?: (team: SelectionCount | undefined) => void,
) {
  const [items, setItems] = useState(start.items);
  const [index, setIndex] = useState(start.index);
  const [reviews, setReviews] = useState(start.reviews);
  const cursors = useRef({ after: start.nextCursor, before: start.previousCursor });
  const loading = useRef({ after: false, before: false });
  const [idleAsks, setIdleAsks] = useState(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(idleTimer.current), []);

  const load = useCallback(
    async (direction: "after" | "before") => {
      const cursor = cursors.current[direction];
      if (!cursor || loading.current[direction]) return;
      loading.current[direction] = true;
      // A lost request (the network, a restart) rejects: the reviewer's next move asks again, as after a refusal.
      const batch = await loadItems({ search, cursor, direction }).catch(() => null);
      loading.current[direction] = false;
      if (!batch?.ok) return;
      cursors.current[direction] = batch.data.cursor;
      onTeamCounted?.(batch.data.team);
      setReviews((current) => ({ ...batch.data.reviews, ...current }));
      // A leased batch can hand back an image the desk already shows (a lapsed lease of the reviewer's, re-taken).
      // Nothing new keeps the same list: a new, equal one would run the effect below, which would ask again at once;
      // a leased queue's cursor never runs out, so a reviewer near its end had the desk asking in a tight loop (each
      // ask takes the reviewer's lock their decisions wait on). It asks again on their next move, or after a pause.
      if (direction === "after") {
        setItems((current) => {
          const shown = new Set(current.map((item) => item.id));
          const fresh = batch.data.items.filter((item) => !shown.has(item.id));
          return fresh.length > 0 ? [...current, ...fresh] : current;
        });
        if (batch.data.items.length === 0 && batch.data.cursor)
          idleTimer.current = setTimeout(() => setIdleAsks((count) => count + 1), IDLE_ASK_MS);
      } else {
        setItems((current) => [...batch.data.items, ...current]);
        setIndex((current) => current + batch.data.items.length);
      }
    },
    [search, loadItems, onTeamCounted],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: idleAsks changing is the pause's "ask again"
  useEffect(() => {
    if (index >= items.length - LOAD_MARGIN) load("after");
    if (index < LOAD_MARGIN) load("before");
    for (const item of items.slice(index + 1, index + 1 + PRELOAD_AHEAD)) {
      const preload = new Image();
      preload.decoding = "async";
      preload.src = item.url;
    }
  }, [index, items, load, idleAsks]);

  const current = items[index] ?? null;
  useEffect(() => {
    if (!isUrlSynced) return;
    const params = new URLSearchParams(search);
    if (current) params.set("at", current.id);
    window.history.replaceState(null, "", `/review?${params}`);
  }, [current, search, isUrlSynced]);

  const move = useCallback(
    (delta: number) => setIndex((value) => Math.max(0, Math.min(items.length, value + delta))),
    [items.length],
  );
  const goTo = useCallback(
    (imageId: string) => {
      const found = items.findIndex((item) => item.id === imageId);
      if (found >= 0) setIndex(found);
    },
    [items],
  );
  return { items, index, current, reviews, setReviews, move, goTo };
}

"use client";

import { useCallback, useRef, useState } from "react";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import type { SelectionCount } from "@/lib/images/selection/format-count";
import { isSettledStatus } from "@/lib/review/review-leases";

/**
 * The team's progress through a leased view (images the rule has settled): the server's count, fresh with each
 * batch the desk is handed, plus what the reviewer's own decisions settled or unsettled since. Server actions run
 * one after another, so a batch's count already holds every decision answered before it.
 */
export function useTeamProgress(start: SelectionCount | null) {
  const [counted, setCounted] = useState(start);
  const [since, setSince] = useState(0);
  const settled = useRef(new Map<string, boolean>());

  const recorded = useCallback((imageId: string, before: ReviewStatus, after: ReviewStatus) => {
    const was = settled.current.get(imageId) ?? isSettledStatus(before);
    const is = isSettledStatus(after);
    settled.current.set(imageId, is);
    if (was !== is) setSince((value) => value + (is ? 1 : -1));
  }, []);
  const counts = useCallback((team: SelectionCount | undefined) => {
    if (!team) return;
    setCounted(team);
    setSince(0);
  }, []);

  const team = counted && { ...counted, count: Math.max(0, counted.count + since) };
  return { team, recorded, counts };
}

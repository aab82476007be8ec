"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/http/wrappers/action-result";
import type { ReviewDetails } from "@/lib/review/review-details";

// A batch that failed (the network, a restarting server) is asked for again while it is wanted: after 2 s, then
// twice as long after each failure in a row, up to 30 s (a failure that does not pass, such as an ended session,
// costs one small request every half minute, not one every 2 s).
const RETRY_MS = 2000;
const MAX_RETRY_MS = 30_000;

/**
 * The panel's generation settings for the images around the current one (the previous one too, for the diff),
 * fetched by id in small batches and kept for the session. A batch that fails is asked for again: the panel would
 * otherwise say "Loading settings…" until the reviewer moved away and back.
 */
export function useReviewDetails(
  ids: (string | undefined)[],
  load: (input: unknown) => Promise<ActionResult<ReviewDetails[]>>,
) {
  const [details, setDetails] = useState<Record<string, ReviewDetails>>({});
  // Bumped after a failure: a render that wants the same ids again must run the effect again.
  const [attempt, setAttempt] = useState(0);
  const failuresInARow = useRef(0);
  const asked = useRef(new Set<string>());
  const wanted = ids.filter((id): id is string => Boolean(id) && !asked.current.has(id as string));
  const key = wanted.join(",");

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` runs the effect again for the same ids after a failure
  useEffect(() => {
    if (!key) return;
    const batch = key.split(",");
    for (const id of batch) asked.current.add(id);
    const failed = () => {
      for (const id of batch) asked.current.delete(id);
      const delay = Math.min(RETRY_MS * 2 ** failuresInARow.current, MAX_RETRY_MS);
      failuresInARow.current += 1;
      setTimeout(() => setAttempt((count) => count + 1), delay);
    };
    load({ ids: batch }).then((result) => {
      if (!result.ok) return failed();
      failuresInARow.current = 0;
      setDetails((current) => ({
        ...current,
        ...Object.fromEntries(result.data.map((entry) => [entry.id, entry])),
      }));
    }, failed);
    // Nothing is cancelled: an answer that arrives after the desk moved on is still kept, and a retry still asks
    // (it only renders again, asking for what is wanted then). Cancelling it raced: a render computed while the
    // batch was in flight (its ids asked, so nothing wanted) but committed after the failure cleared the retry the
    // failure had just set, and nothing asked again until the reviewer moved.
  }, [key, load, attempt]);
  return details;
}

"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/http/wrappers/action-result";
import type { ReviewDetails } from "@/lib/review/review-details";

/**
 * The panel's generation settings for the images around the current one (the previous one too, for the diff),
 * fetched by id in small batches and kept for the session.
 */
export function useReviewDetails(
  ids: (string | undefined)[],
  load: (input: unknown) => Promise<ActionResult<ReviewDetails[]>>,
) {
  const [details, setDetails] = useState<Record<string, ReviewDetails>>({});
  const asked = useRef(new Set<string>());
  const wanted = ids.filter((id): id is string => Boolean(id) && !asked.current.has(id as string));
  const key = wanted.join(",");

  useEffect(() => {
    if (!key) return;
    const batch = key.split(",");
    for (const id of batch) asked.current.add(id);
    void load({ ids: batch }).then((result) => {
      if (!result.ok) {
        for (const id of batch) asked.current.delete(id);
        return;
      }
      setDetails((current) => ({
        ...current,
        ...Object.fromEntries(result.data.map((entry) => [entry.id, entry])),
      }));
    });
  }, [key, load]);
  return details;
}

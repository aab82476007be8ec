"use client";

import { useEffect, useState } from "react";
import { settled } from "@/components/actions/settle-actions";
import type { ReviewSession } from "@/lib/review/open-review-session";
import { ReviewDesk } from "./review-desk";
import type { ViewerSetup } from "./viewer-setup";

/**
 * The gallery's and image page's full-screen viewer: the review desk over the page's view, opened at one image,
 * drawn over the page so closing it (Esc) leaves the page, and its scroll position, as they were.
 */
export function FullScreenViewer({
  search,
  at,
  setup,
  onClose,
}: {
  search: string;
  at: string;
  setup: ViewerSetup;
  onClose: () => void;
}) {
  const [session, setSession] = useState<ReviewSession | null>(null);
  const [error, setError] = useState<string | null>(null);
  const openViewer = settled(setup.openViewer);
  useEffect(() => {
    let isCurrent = true;
    void openViewer({ search, at }).then((result) => {
      if (!isCurrent) return;
      if (result.ok) setSession(result.data);
      else setError(result.error.message);
    });
    return () => {
      isCurrent = false;
    };
  }, [search, at, openViewer]);

  if (!session) {
    return (
      <div className="fixed inset-0 z-50 flex items-center justify-center bg-neutral-950 text-neutral-400">
        {error ? <p role="alert">{error}</p> : <p>Opening…</p>}
      </div>
    );
  }
  const { before, after } = session;
  return (
    <ReviewDesk
      search={search}
      start={{
        items: [...before.items, ...after.items],
        index: before.items.length,
        reviews: { ...before.reviews, ...after.reviews },
        nextCursor: after.cursor,
        previousCursor: before.cursor,
      }}
      total={session.total}
      left={session.left}
      tags={setup.tags}
      exitHref="/"
      actions={setup.actions}
      preferences={setup.preferences}
      savePreferences={setup.savePreferences}
      canReview={setup.canReview}
      onExit={onClose}
    />
  );
}

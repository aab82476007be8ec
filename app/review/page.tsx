import type { Metadata } from "next";
import { z } from "zod";
import { ReviewDesk } from "@/components/review/review-desk";
import { requireUser } from "@/lib/auth/session/session";
import { handlerContext } from "@/lib/http/wrappers/handler-context";
import { parseImageSelection, toSelectionSearchParams } from "@/lib/images/selection/image-filter";
import { findUserPreferences } from "@/lib/preferences/find-user-preferences";
import { openReviewQueue } from "@/lib/review/open-review-queue";
import { LEASE_MINUTES } from "@/lib/review/review-leases";
import { listTags } from "@/lib/tags/list-tags";
import { updatePreferencesAction } from "../actions";
import { REVIEW_QUEUE_ACTIONS } from "./review-action-set";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("reviewer");
  const params = await searchParams;
  const query = parseImageSelection(params);
  const at = z.uuid().safeParse(params.at);
  const ctx = handlerContext();
  const { db } = ctx;
  const [session, tags, preferences] = await Promise.all([
    openReviewQueue(ctx, { query, reviewerId: user.id, at: at.success ? at.data : undefined }),
    listTags(db),
    findUserPreferences(db, user.id),
  ]);
  const search = toSelectionSearchParams(query).toString();
  const exitHref = search ? `/?${search}` : "/";
  if (!session.ok) return <p role="alert">{session.error.message}</p>;
  const { before, after, total, left, team } = session.value;
  return (
    <ReviewDesk
      key={search}
      search={search}
      start={{
        items: [...before.items, ...after.items],
        index: before.items.length,
        reviews: { ...before.reviews, ...after.reviews },
        nextCursor: after.cursor,
        previousCursor: before.cursor,
      }}
      total={total}
      left={left}
      team={team}
      leaseMinutes={team ? LEASE_MINUTES : null}
      tags={tags}
      exitHref={exitHref}
      preferences={preferences}
      savePreferences={updatePreferencesAction}
      canReview
      actions={REVIEW_QUEUE_ACTIONS}
    />
  );
}

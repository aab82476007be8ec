import "server-only";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { images, reviewEvents, reviewLeases, reviews } from "@/lib/db/schema";
import { imageConditions } from "@/lib/images/selection/image-conditions";
import type { ImageSelection } from "@/lib/images/selection/image-filter";
import { type ImageTile, listImageTiles } from "@/lib/images/selection/list-image-tiles";
import { ok, type Result } from "@/lib/result";
import type { Storage } from "@/lib/storage/storage";

type Deps = { db: Database; storage: Storage };
// How far back the look-back reads the reviewer's own trail (review_events_reviewer_id_id_idx), so opening review
// mode costs the same after a year of reviews as after a day.
const RECENT_EVENTS = 200;

/**
 * Tiles (previews) of the view's images leased to the reviewer, in the view's order: all their live leases, or
 * only `ids` (a batch just claimed).
 */
export async function listLeasedItems(
  deps: Deps,
  input: { query: ImageSelection; reviewerId: string; ids?: string[] },
): Promise<Result<ImageTile[]>> {
  const ids =
    input.ids ??
    (
      await deps.db
        .select({ id: reviewLeases.imageId })
        .from(reviewLeases)
        .where(and(eq(reviewLeases.reviewerId, input.reviewerId), gt(reviewLeases.expiresAt, sql`now()`)))
    ).map((row) => row.id);
  const page = await listImageTiles(deps, {
    selection: input.query,
    viewerId: input.reviewerId,
    ids,
    limit: Math.max(1, ids.length),
    variant: "preview",
  });
  return page.ok ? ok(page.value.items) : page;
}

/** The view's images the reviewer decided most recently, at most `limit`, oldest first: review mode's look-back. */
export async function listRecentlyDecidedItems(
  deps: Deps,
  input: { query: ImageSelection; reviewerId: string; limit: number },
): Promise<Result<ImageTile[]>> {
  const { query, reviewerId } = input;
  const recent = deps.db
    .select({ imageId: reviewEvents.imageId, id: reviewEvents.id })
    .from(reviewEvents)
    .where(eq(reviewEvents.reviewerId, reviewerId))
    .orderBy(desc(reviewEvents.id))
    .limit(RECENT_EVENTS)
    .as("recent");
  const rows = await deps.db
    .select({ id: recent.imageId, last: sql<number>`max(${recent.id})` })
    .from(recent)
    .innerJoin(images, eq(images.id, recent.imageId))
    .innerJoin(reviews, and(eq(reviews.imageId, recent.imageId), eq(reviews.reviewerId, reviewerId)))
    .where(and(imageConditions(query, { viewerId: reviewerId }), sql`${reviews.decision} is not null`))
    .groupBy(recent.imageId)
    .orderBy(desc(sql`max(${recent.id})`))
    .limit(input.limit);
  const ids = rows.map((row) => row.id).reverse();
  const page = await listImageTiles(deps, {
    selection: query,
    viewerId: reviewerId,
    ids,
    limit: Math.max(1, ids.length),
    variant: "preview",
  });
  if (!page.ok) return page;
  const byId = new Map(page.value.items.map((item) => [item.id, item]));
  return ok(ids.flatMap((id) => byId.get(id) ?? []));
}

import type { Metadata } from "next";
import { Suspense } from "react";
import { CollapsibleFilters } from "@/components/gallery/collapsible-filters";
import { EmptyLibrary } from "@/components/gallery/empty-library";
import { GalleryFilters } from "@/components/gallery/gallery-filters";
import { GalleryGrid } from "@/components/gallery/gallery-grid";
import { ViewCount } from "@/components/gallery/view-count";
import { requireUser } from "@/lib/auth/session/session";
import { getConfig } from "@/lib/config";
import { listDatasets } from "@/lib/datasets/list-datasets";
import { hasRole } from "@/lib/enums/roles";
import { listGalleryFacets } from "@/lib/gallery/list-gallery-facets";
import { handlerContext } from "@/lib/http/wrappers/handler-context";
import { countImages } from "@/lib/images/selection/count-images";
import {
  hasImageFilter,
  parseImageSelection,
  toSelectionSearchParams,
} from "@/lib/images/selection/image-filter";
import { listImageTiles } from "@/lib/images/selection/list-image-tiles";
import { findUserPreferences } from "@/lib/preferences/find-user-preferences";
import {
  addToDatasetAction,
  bulkReviewAction,
  bulkTagAction,
  loadGalleryPageAction,
  loadReadyTilesAction,
  previewBulkReviewAction,
  suggestFilterNamesAction,
  undoBulkReviewAction,
} from "./gallery/actions";
import { VIEWER_ACTIONS } from "./review/review-action-set";

export const metadata: Metadata = { title: "Gallery" };

export default async function GalleryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("viewer");
  const query = parseImageSelection(await searchParams);
  const ctx = handlerContext();
  const { db } = ctx;
  const isAdmin = hasRole(user.role, "admin");
  const canReview = hasRole(user.role, "reviewer");
  // The facets hold the tags the viewer and the bulk bar offer: one query, one list in the page's payload.
  const [page, facets, datasets, preferences] = await Promise.all([
    listImageTiles(ctx, { selection: query, viewerId: user.id }),
    listGalleryFacets(db),
    isAdmin ? listDatasets(db) : null,
    findUserPreferences(db, user.id),
  ]);
  const initial = page.ok ? page.value : { items: [], nextCursor: null };
  if (initial.items.length === 0 && !hasImageFilter(query))
    return <EmptyLibrary appUrl={getConfig().appUrl} canUpload={canReview} />;
  const search = toSelectionSearchParams(query).toString();
  return (
    <section className="space-y-2">
      <CollapsibleFilters
        isFiltered={hasImageFilter(query)}
        summary={
          <>
            <Suspense fallback={<span className="text-neutral-500">counting…</span>}>
              <ViewCount count={countImages(db, { filter: query, viewerId: user.id })} />
            </Suspense>
            {/* An empty view has nothing to review: no door into an empty desk. */}
            {canReview && initial.items.length > 0 ? (
              <a href={`/review${search ? `?${search}` : ""}`} className="text-sky-400 hover:underline">
                Review this view →
              </a>
            ) : null}
            {initial.items.length > 0 ? (
              <a
                href={`/gallery/handoff?${toSelectionSearchParams({ ...query, sort: "newest" })}`}
                className="text-sky-400 hover:underline"
                title="Originals by day and model, a JSON sidecar each, a manifest of sha256s"
              >
                Handoff ZIP of this view
              </a>
            ) : null}
          </>
        }
      >
        <GalleryFilters query={query} facets={facets} suggestNames={suggestFilterNamesAction} />
      </CollapsibleFilters>
      <GalleryGrid
        key={search}
        search={search}
        initial={initial}
        options={preferences}
        viewer={{
          canReview,
          tags: facets.tags,
          preferences,
          ...VIEWER_ACTIONS,
        }}
        bulk={{
          canReview,
          tags: facets.tags,
          datasets: datasets?.map(({ id, name }) => ({ id, name })) ?? null,
          critics: facets.critics,
          actions: {
            loadPage: loadGalleryPageAction,
            loadReadyTiles: loadReadyTilesAction,
            previewBulk: previewBulkReviewAction,
            bulkReview: bulkReviewAction,
            undoBulk: undoBulkReviewAction,
            bulkTag: bulkTagAction,
            addToDataset: addToDatasetAction,
          },
        }}
      />
    </section>
  );
}

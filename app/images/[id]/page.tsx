import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ImageExtras } from "@/components/image/image-extras";
import { ImageLineageLines } from "@/components/image/image-lineage";
import { ImageViewer } from "@/components/image/image-viewer";
import { MetadataPanel } from "@/components/image/metadata-panel";
import { ReviewHistory } from "@/components/image/review-history";
import { SimilarImages } from "@/components/image/similar-images";
import { requireUser } from "@/lib/auth/session/session";
import { hasRole } from "@/lib/enums/roles";
import { loadImagePageExtras } from "@/lib/gallery/load-image-page-extras";
import { handlerContext } from "@/lib/http/wrappers/handler-context";
import { getImage } from "@/lib/images/record/get-image";
import { parseImageSelection, toSelectionSearchParams } from "@/lib/images/selection/image-filter";
import { findSimilarImages } from "@/lib/images/similar/find-similar-images";
import { loadSimilarThumbnails } from "@/lib/images/similar/load-similar-thumbnails";
import { listImageLineage } from "@/lib/lineage/list-image-lineage";
import { findUserPreferences } from "@/lib/preferences/find-user-preferences";
import { listMyReviews } from "@/lib/review/list-my-reviews";
import { listReviewHistory } from "@/lib/review/list-review-history";
import { listTags } from "@/lib/tags/list-tags";
import { VIEWER_ACTIONS } from "../../review/review-action-set";
import { downloadWorkflowAction } from "./actions";
import { LifecycleControls } from "./lifecycle-controls";

export const metadata: Metadata = { title: "Image" };

export default async function ImagePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("viewer");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const ctx = handlerContext();
  const { db } = ctx;
  const result = await getImage(ctx, id.data);
  if (!result.ok) notFound();
  const image = result.value;
  const canReview = hasRole(user.role, "reviewer");
  const [history, extras, similar, preferences, tags, mine, lineage] = await Promise.all([
    listReviewHistory(db, image.id),
    loadImagePageExtras(db, image),
    findSimilarImages(db, image.id, { limit: 8 }),
    findUserPreferences(db, user.id),
    listTags(db),
    canReview ? listMyReviews(db, user.id, [image.id]) : null,
    listImageLineage(db, image.id),
  ]);
  const myReview = mine?.[image.id];
  const similarThumbnails = await loadSimilarThumbnails(ctx, similar.ok ? similar.value : []);
  // The viewer walks the gallery view this page was opened from (its query string), else the whole library.
  const search = toSelectionSearchParams(parseImageSelection(await searchParams)).toString();
  return (
    <section className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="min-w-0 space-y-6">
        <ImageViewer
          imageId={image.id}
          search={search}
          review={
            mine
              ? {
                  initial: { decision: myReview?.decision ?? null, score: myReview?.score ?? null },
                  status: image.review_status,
                }
              : null
          }
          setup={{
            canReview,
            tags,
            preferences,
            ...VIEWER_ACTIONS,
          }}
          previewUrl={image.urls.preview}
          originalUrl={image.urls.original}
          placeholder={image.placeholder}
          alt={image.prompt ?? "generated image"}
        />
        {image.derive_state === "failed" ? (
          <p role="alert" className="rounded bg-red-950 px-3 py-2 text-sm text-red-200">
            This original could not be decoded ({image.derive_error}): it has no thumbnail or preview. Delete
            it, or post a good copy of the file.
          </p>
        ) : null}
        <ReviewHistory entries={history} />
      </div>
      <div className="min-w-0 space-y-6">
        <MetadataPanel image={image} downloadWorkflow={downloadWorkflowAction} />
        <ImageLineageLines lineage={lineage} />
        <ImageExtras imageId={image.id} extras={extras} />
        <SimilarImages imageId={image.id} similar={similarThumbnails} />
        {hasRole(user.role, "admin") ? (
          <LifecycleControls imageId={image.id} isDeleted={image.deleted_at !== null} />
        ) : null}
      </div>
    </section>
  );
}

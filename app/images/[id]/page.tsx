import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ImageExtras } from "@/components/image/image-extras";
import { ImageViewer } from "@/components/image/image-viewer";
import { MetadataPanel } from "@/components/image/metadata-panel";
import { ReviewHistory } from "@/components/image/review-history";
import { SimilarImages } from "@/components/image/similar-images";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { hasRole } from "@/lib/enums/roles";
import { loadImagePageExtras } from "@/lib/gallery/load-image-page-extras";
import { getImage } from "@/lib/images/get-image";
import { parseImageSelection, toSelectionSearchParams } from "@/lib/images/selection/image-filter";
import { findSimilarImages } from "@/lib/images/similar/find-similar-images";
import { loadSimilarThumbnails } from "@/lib/images/similar/load-similar-thumbnails";
import { findUserPreferences } from "@/lib/preferences/find-user-preferences";
import { listReviewHistory } from "@/lib/review/list-review-history";
import { getStorage } from "@/lib/storage/storage";
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
  const db = getDb();
  const result = await getImage({ db, storage: getStorage() }, id.data);
  if (!result.ok) notFound();
  const image = result.value;
  const storage = getStorage();
  const [history, extras, similar, preferences, tags] = await Promise.all([
    listReviewHistory(db, image.id),
    loadImagePageExtras(db, image),
    findSimilarImages(db, image.id, { limit: 8 }),
    findUserPreferences(db, user.id),
    listTags(db),
  ]);
  const similarThumbnails = await loadSimilarThumbnails({ db, storage }, similar.ok ? similar.value : []);
  // The viewer walks the gallery view this page was opened from (its query string), else the whole library.
  const search = toSelectionSearchParams(parseImageSelection(await searchParams)).toString();
  return (
    <section className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="min-w-0 space-y-6">
        <ImageViewer
          imageId={image.id}
          search={search}
          setup={{
            canReview: hasRole(user.role, "reviewer"),
            tags,
            preferences,
            ...VIEWER_ACTIONS,
          }}
          previewUrl={image.urls.preview}
          originalUrl={image.urls.original}
          placeholder={image.placeholder}
          alt={image.prompt ?? "generated image"}
        />
        <ReviewHistory entries={history} />
      </div>
      <div className="min-w-0 space-y-6">
        <MetadataPanel image={image} downloadWorkflow={downloadWorkflowAction} />
        <ImageExtras imageId={image.id} extras={extras} />
        <SimilarImages imageId={image.id} similar={similarThumbnails} />
        {hasRole(user.role, "admin") ? (
          <LifecycleControls imageId={image.id} isDeleted={image.deleted_at !== null} />
        ) : null}
      </div>
    </section>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ImageExtras } from "@/components/image/image-extras";
import { ImageViewer } from "@/components/image/image-viewer";
import { MetadataPanel } from "@/components/image/metadata-panel";
import { ReviewHistory } from "@/components/image/review-history";
import { SimilarImages } from "@/components/image/similar-images";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { loadImagePageExtras } from "@/lib/gallery/load-image-page-extras";
import { getImage } from "@/lib/images/get-image";
import { findSimilarImages } from "@/lib/images/similar/find-similar-images";
import { loadSimilarThumbnails } from "@/lib/images/similar/load-similar-thumbnails";
import { listReviewHistory } from "@/lib/review/list-review-history";
import { getStorage } from "@/lib/storage/storage";
import { downloadWorkflowAction } from "./actions";

import { LifecycleControls } from "./lifecycle-controls";

export const metadata: Metadata = { title: "Image" };

export default async function ImagePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("viewer");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const db = getDb();
  const result = await getImage({ db, storage: getStorage() }, id.data);
  if (!result.ok) notFound();
  const image = result.value;
  const storage = getStorage();
  const [history, extras, similar] = await Promise.all([
    listReviewHistory(db, image.id),
    loadImagePageExtras(db, image),
    findSimilarImages(db, image.id, { limit: 8 }),
  ]);
  const similarThumbnails = await loadSimilarThumbnails({ db, storage }, similar.ok ? similar.value : []);
  return (
    <section className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="space-y-6">
        <ImageViewer
          previewUrl={image.urls.preview}
          originalUrl={image.urls.original}
          placeholder={image.placeholder}
          alt={image.prompt ?? "generated image"}
        />
        <ReviewHistory entries={history} />
      </div>
      <div className="space-y-6">
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

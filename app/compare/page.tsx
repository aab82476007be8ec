import type { Metadata } from "next";
import { CompareTable } from "@/components/compare/compare-table";
import { SyncedPanes } from "@/components/compare/synced-panes";
import { requireUser } from "@/lib/auth/session/session";
import { compareFields } from "@/lib/gallery/compare-fields";
import { compareIdsSchema, listCompareImages } from "@/lib/gallery/list-compare-images";
import { handlerContext } from "@/lib/http/wrappers/handler-context";

export const metadata: Metadata = { title: "Compare" };

export default async function ComparePage({
  searchParams,
}: {
  searchParams: Promise<{ ids?: string | string[] }>;
}) {
  await requireUser("viewer");
  const { ids } = await searchParams;
  const parsed = compareIdsSchema.safeParse(Array.isArray(ids) ? ids.join(",") : (ids ?? ""));
  if (!parsed.success)
    return (
      <p className="text-neutral-400">
        {parsed.error.issues[0]?.message}. Select 2–4 images in the gallery (Ctrl/⌘-click) and choose Compare.
      </p>
    );
  const images = await listCompareImages(handlerContext(), parsed.data);
  if (!images.ok) return <p role="alert">{images.error.message}</p>;
  return (
    <section className="space-y-4">
      <SyncedPanes
        panes={images.value.map((image) => ({
          id: image.id,
          previewUrl: image.urls.preview,
          placeholder: image.placeholder,
          alt: image.prompt ?? "generated image",
        }))}
      />
      <div
        className="grid gap-2"
        style={{ gridTemplateColumns: `8rem repeat(${images.value.length}, minmax(0, 1fr))` }}
      >
        <span />
        {images.value.map((image, index) => (
          <a
            key={image.id}
            href={`/images/${image.id}`}
            className="truncate text-xs text-sky-400 hover:underline"
            data-testid="compare-heading"
          >
            {String.fromCharCode(65 + index)} · {image.review_status} · seed {image.seed ?? "—"} →
          </a>
        ))}
      </div>
      <CompareTable rows={compareFields(images.value)} />
    </section>
  );
}

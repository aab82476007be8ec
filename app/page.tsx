import type { Metadata } from "next";
import { EmptyLibrary } from "@/components/gallery/empty-library";
import { ImageGrid } from "@/components/gallery/image-grid";
import { requireUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { listImages, listImagesQuerySchema } from "@/lib/images/list-images";
import { getStorage } from "@/lib/storage/storage";

export const metadata: Metadata = { title: "Gallery" };

export default async function GalleryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireUser("viewer");
  const params = await searchParams;
  const query = listImagesQuerySchema.safeParse({
    q: params.q || undefined,
    model: params.model || undefined,
    cursor: params.cursor || undefined,
    limit: 60,
  });
  const page = query.success ? await listImages({ db: getDb(), storage: getStorage() }, query.data) : null;
  const items = page?.ok ? page.value.items : [];
  if (items.length === 0 && !params.q && !params.model && !params.cursor)
    return <EmptyLibrary appUrl={getConfig().appUrl} />;
  return (
    <section className="space-y-4">
      <form className="flex gap-2" action="/">
        <input
          name="q"
          defaultValue={params.q ?? ""}
          placeholder="Search prompts"
          className="w-80 rounded-md border border-neutral-700 bg-neutral-900 px-3 py-1.5 text-sm"
        />
        <input
          name="model"
          defaultValue={params.model ?? ""}
          placeholder="Model"
          className="w-56 rounded-md border border-neutral-700 bg-neutral-900 px-3 py-1.5 text-sm"
        />
        <button type="submit" className="rounded-md bg-neutral-800 px-3 py-1.5 text-sm">
          Filter
        </button>
      </form>
      <ImageGrid
        images={items.map((image) => ({
          id: image.id,
          thumbUrl: image.thumb_url,
          placeholder: image.placeholder,
          prompt: image.prompt,
          width: image.width,
          height: image.height,
        }))}
      />
      {page?.ok && page.value.next_cursor ? (
        <a
          className="text-sky-400 hover:underline"
          href={`/?${new URLSearchParams({ ...(params.q ? { q: params.q } : {}), ...(params.model ? { model: params.model } : {}), cursor: page.value.next_cursor })}`}
        >
          Older images →
        </a>
      ) : null}
    </section>
  );
}

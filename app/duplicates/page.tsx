import type { Metadata } from "next";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listNearDuplicateGroups } from "@/lib/images/similar/list-near-duplicate-groups";
import { loadSimilarThumbnails } from "@/lib/images/similar/load-similar-thumbnails";
import { getStorage } from "@/lib/storage/storage";

export const metadata: Metadata = { title: "Near-duplicates" };

const searchSchema = z.object({ cursor: z.string().max(200).optional() });

export default async function DuplicatesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser("viewer");
  const { cursor } = searchSchema.catch({}).parse(await searchParams);
  const db = getDb();
  const page = await listNearDuplicateGroups(db, { cursor });
  const groups = await Promise.all(
    page.groups.map((group) =>
      loadSimilarThumbnails(
        { db, storage: getStorage() },
        group.imageIds.map((id) => ({ id })),
      ),
    ),
  );
  return (
    <section className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">Near-duplicates</h1>
        <p className="text-sm text-neutral-400">
          Images that are the same picture re-encoded, resized or lightly edited. Review one of each group,
          and keep only one in a dataset.
        </p>
      </header>
      {groups.length === 0 ? (
        <p className="text-neutral-500">No near-duplicate groups among these images.</p>
      ) : (
        <ul className="space-y-4" data-testid="duplicate-groups">
          {groups.map((thumbnails) => (
            <li key={thumbnails[0]?.id} className="rounded border border-neutral-800 p-3">
              <ul className="flex flex-wrap gap-2">
                {thumbnails.map((image) => (
                  <li key={image.id}>
                    <a href={`/images/${image.id}`}>
                      <img
                        src={image.thumbUrl}
                        alt={image.prompt ?? "generated image"}
                        className="h-32 w-32 rounded bg-neutral-900 object-contain"
                        loading="lazy"
                      />
                    </a>
                  </li>
                ))}
              </ul>
              <a
                className="mt-2 inline-block text-xs text-neutral-400 hover:text-neutral-50"
                href={`/compare?ids=${thumbnails
                  .slice(0, 4)
                  .map((image) => image.id)
                  .join(",")}`}
              >
                Compare {Math.min(thumbnails.length, 4)}
              </a>
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor ? (
        <a
          className="text-sm text-sky-400"
          href={`/duplicates?cursor=${encodeURIComponent(page.nextCursor)}`}
        >
          Older images →
        </a>
      ) : null}
    </section>
  );
}

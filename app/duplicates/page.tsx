import type { Metadata } from "next";
import { z } from "zod";
import { DuplicateGroup } from "@/components/image/duplicate-group";
import { requireUser } from "@/lib/auth/session/session";
import { hasRole } from "@/lib/enums/roles";
import { handlerContext } from "@/lib/http/wrappers/handler-context";
import { listNearDuplicateGroups } from "@/lib/images/similar/list-near-duplicate-groups";
import { loadSimilarThumbnails } from "@/lib/images/similar/load-similar-thumbnails";
import { bulkReviewAction, undoBulkReviewAction } from "../gallery/actions";

export const metadata: Metadata = { title: "Near-duplicates" };

const searchSchema = z.object({ cursor: z.string().max(200).optional() });

export default async function DuplicatesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("viewer");
  const canReview = hasRole(user.role, "reviewer");
  const { cursor } = searchSchema.catch({}).parse(await searchParams);
  const ctx = handlerContext();
  const { db } = ctx;
  const page = await listNearDuplicateGroups(db, { cursor });
  const groups = await Promise.all(
    page.groups.map((group) =>
      loadSimilarThumbnails(
        ctx,
        group.imageIds.map((id) => ({ id })),
      ),
    ),
  );
  return (
    <section className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">Near-duplicates</h1>
        <p className="text-sm text-neutral-400">
          Images that are the same picture re-encoded, resized or lightly edited. Keep one of each group and
          reject the rest (one Undo takes it back), so a dataset holds each picture once.
        </p>
      </header>
      {groups.length === 0 ? (
        <p className="text-neutral-500">No near-duplicate groups among these images.</p>
      ) : (
        <ul className="space-y-4" data-testid="duplicate-groups">
          {groups.map((thumbnails) => (
            <DuplicateGroup
              key={thumbnails[0]?.id}
              thumbnails={thumbnails}
              actions={canReview ? { bulkReview: bulkReviewAction, undoBulk: undoBulkReviewAction } : null}
            />
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

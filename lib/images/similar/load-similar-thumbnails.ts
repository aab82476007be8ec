import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { images, imageVariants } from "@/lib/db/schema";
import { textPreview } from "@/lib/images/preview/list-preview";
import { PREVIEW_LIMITS } from "@/lib/images/preview/list-preview-limits";
import { signGetUrl } from "@/lib/storage/signing";
import type { Storage } from "@/lib/storage/storage";

export type SimilarThumbnail = {
  id: string;
  thumbUrl: string;
  /** A preview (lib/images/list-preview.ts): the head of the prompt. */
  prompt: string | null;
  distance?: number;
};

/** Signed thumbnails of the given images, in the order given (plain props for a server component). */
export async function loadSimilarThumbnails(
  deps: { db: Database; storage: Storage },
  entries: { id: string; distance?: number }[],
): Promise<SimilarThumbnail[]> {
  if (entries.length === 0) return [];
  const rows = await deps.db
    .select({
      id: images.id,
      prompt: textPreview(images.prompt, PREVIEW_LIMITS.prompt),
      originalKey: images.objectKey,
      thumbKey: imageVariants.objectKey,
    })
    .from(images)
    .leftJoin(imageVariants, and(eq(imageVariants.imageId, images.id), eq(imageVariants.name, "thumb")))
    .where(
      inArray(
        images.id,
        entries.map((entry) => entry.id),
      ),
    );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const thumbnails: SimilarThumbnail[] = [];
  for (const entry of entries) {
    const row = byId.get(entry.id);
    if (!row) continue;
    thumbnails.push({
      id: row.id,
      prompt: row.prompt,
      distance: entry.distance,
      thumbUrl: await signGetUrl(deps.storage, row.thumbKey ?? row.originalKey),
    });
  }
  return thumbnails;
}

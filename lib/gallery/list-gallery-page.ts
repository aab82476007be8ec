import "server-only";
import type { Queryable } from "@/db/client";
import { err, ok, type Result } from "@/lib/http/errors";
import { decodeKeysetCursor, encodeKeysetCursor } from "@/lib/images/keyset-cursor";
import { signGetUrl } from "@/lib/storage/signing";
import type { Storage } from "@/lib/storage/storage";
import { galleryConditions } from "./gallery-conditions";
import { isValidSortKey, type PageWindow, selectGalleryPage } from "./gallery-page-query";
import type { GalleryQuery } from "./gallery-query";

/** One tile as the browser gets it: plain values and a signed URL (thumb in the grid, preview in review mode). */
export type GalleryItem = {
  id: string;
  url: string;
  placeholder: string | null;
  prompt: string | null;
  width: number;
  height: number;
  model: string | null;
  seed: string | null;
  reviewStatus: string;
  scoreAvg: number | null;
};

export type GalleryPage = { items: GalleryItem[]; nextCursor: string | null };

export const GALLERY_PAGE_SIZE = 60;

/**
 * A keyset page of a gallery view: no OFFSET, so a page deep in the scroll costs what the first one does.
 * `nextCursor` continues in the same direction.
 */
export async function listGalleryPage(
  deps: { db: Queryable; storage: Storage },
  input: {
    query: GalleryQuery;
    viewerId: string;
    cursor?: string | null;
    limit?: number;
    variant?: "thumb" | "preview";
    direction?: PageWindow["direction"];
    inclusive?: boolean;
    undecidedByViewer?: boolean;
  },
): Promise<Result<GalleryPage>> {
  const cursor = input.cursor ? decodeKeysetCursor(input.cursor) : null;
  if (input.cursor && (!cursor || !isValidSortKey(input.query.sort, cursor.key))) {
    return err("invalid_request", "That page link is not one Lightbox made");
  }
  const limit = input.limit ?? GALLERY_PAGE_SIZE;
  const rows = await selectGalleryPage(
    deps.db,
    input.query,
    galleryConditions(input.query, input.viewerId, input),
    {
      cursor,
      limit: limit + 1,
      direction: input.direction,
      inclusive: input.inclusive,
    },
  );
  const page = rows.slice(0, limit);
  if (input.direction === "before") page.reverse();
  const items = await Promise.all(
    page.map(async (row) => {
      const key = (input.variant === "preview" ? row.previewKey : row.thumbKey) ?? row.objectKey;
      return {
        id: row.id,
        url: await signGetUrl(deps.storage, key),
        placeholder: row.placeholder,
        prompt: row.prompt,
        width: row.width,
        height: row.height,
        model: row.model,
        seed: row.seed,
        reviewStatus: row.reviewStatus,
        scoreAvg: row.scoreAvg,
      };
    }),
  );
  const edge = input.direction === "before" ? page[0] : page.at(-1);
  const nextCursor =
    rows.length > limit && edge ? encodeKeysetCursor({ key: edge.sortKey, id: edge.id }) : null;
  return ok({ items, nextCursor });
}

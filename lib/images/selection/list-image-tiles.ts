import "server-only";
import { and, inArray } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import type { DeriveState, ReviewStatus } from "@/lib/enums/image-enums";
import { encodeKeysetCursor } from "@/lib/pagination/keyset-cursor";
import { err, ok, type Result } from "@/lib/result";
import { signGetUrl } from "@/lib/storage/signing";
import type { Storage } from "@/lib/storage/storage";
import { splitImageConditions } from "./image-conditions";
import type { ImageSelection } from "./image-filter";
import { type PageWindow, readPageCursor } from "./keyset-page";
import { selectTileRows } from "./select-tile-rows";

/** One tile as the browser gets it: plain values and a signed URL (thumb in the grid, preview in review mode). */
export type ImageTile = {
  id: string;
  url: string;
  placeholder: string | null;
  prompt: string | null;
  /** The prompt is longer than the tile's preview of it. */
  promptTruncated: boolean;
  width: number;
  height: number;
  model: string | null;
  seed: string | null;
  reviewStatus: ReviewStatus;
  scoreAvg: number | null;
  /** pending: no variants yet (`url` is the original); the grid shows a placeholder and asks again. */
  deriveState: DeriveState;
};

export type ImageTilePage = { items: ImageTile[]; nextCursor: string | null };

export const TILE_PAGE_SIZE = 60;

/**
 * A keyset page of a selection as tiles for `viewerId`, the gallery's grid and review mode's queue alike.
 * `nextCursor` continues in the same direction. `ids` keeps only those images (a reviewer's leased batch), in the
 * selection's order, those the selection no longer holds left out.
 */
export async function listImageTiles(
  deps: { db: Queryable; storage: Storage },
  input: {
    selection: ImageSelection;
    viewerId: string;
    cursor?: string | null;
    limit?: number;
    variant?: "thumb" | "preview";
    direction?: PageWindow["direction"];
    inclusive?: boolean;
    undecidedByViewer?: boolean;
    ids?: string[];
  },
): Promise<Result<ImageTilePage>> {
  const cursor = readPageCursor(input.selection.sort, input.cursor);
  if (cursor === "invalid") return err("invalid_request", "That page link is not one Lightbox made");
  const limit = input.limit ?? TILE_PAGE_SIZE;
  if (input.ids?.length === 0) return ok({ items: [], nextCursor: null });
  const conditions = splitImageConditions(input.selection, input);
  const rows = await selectTileRows(deps.db, {
    order: input.selection,
    conditions: input.ids
      ? { ...conditions, rest: and(conditions.rest, inArray(images.id, input.ids)) ?? conditions.rest }
      : conditions,
    window: { cursor, direction: input.direction, inclusive: input.inclusive },
    limit: limit + 1,
  });
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
        promptTruncated: row.promptTruncated,
        width: row.width,
        height: row.height,
        model: row.model,
        seed: row.seed,
        reviewStatus: row.reviewStatus,
        scoreAvg: row.scoreAvg,
        deriveState: row.deriveState,
      };
    }),
  );
  const edge = input.direction === "before" ? page[0] : page.at(-1);
  const nextCursor =
    rows.length > limit && edge ? encodeKeysetCursor({ key: edge.sortKey, id: edge.id }) : null;
  return ok({ items, nextCursor });
}

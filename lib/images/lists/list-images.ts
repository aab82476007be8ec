import "server-only";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { imageListColumns } from "@/lib/images/preview/list-preview";
import { encodeKeysetCursor } from "@/lib/pagination/keyset-cursor";
import { err, ok, type Result } from "@/lib/result";
import type { Storage } from "@/lib/storage/storage";
import { storableString } from "@/lib/zod/storable";
import { type ImageRecord, signThumbUrl, toImageRecord } from "../record/image-record";
import { imageRelatedField } from "../record/image-record-fields";
import { checkViewerFor, splitImageConditions } from "../selection/image-conditions";
import { imageSelectionSchema } from "../selection/image-filter";
import { keysetPage, readPageCursor } from "../selection/keyset-page";
import { pageConditions } from "../selection/page-conditions";

/** GET /api/v1/images: the one image selection (image-filter.ts), its sort, and a page. */
export const listImagesQuerySchema = imageSelectionSchema
  .extend({
    cursor: storableString().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200, "limit must be at most 200").default(50),
  })
  .strict();
export type ListImagesQuery = z.output<typeof listImagesQuerySchema>;

/**
 * Live images of a selection, keyset-paginated on (sort key, id): deep pages cost what the first does. Records
 * carry previews of long values (lib/images/list-preview.ts), so a 200-item page stays near 1 MB.
 */
export async function listImages(
  deps: { db: Database; storage: Storage },
  query: ListImagesQuery,
): Promise<Result<{ items: (ImageRecord & { thumb_url: string })[]; next_cursor: string | null }>> {
  // An API key is no reviewer: "unreviewed by me" has no one to mean.
  const checked = checkViewerFor(query, null);
  if (!checked.ok) return checked;
  const cursor = readPageCursor(query.sort, query.cursor);
  if (cursor === "invalid") return err("invalid_request", "cursor is not one this API returned");
  const page = keysetPage(query, { cursor });
  const rows = await deps.db
    .select({ image: imageListColumns, related: imageRelatedField, sortKey: page.sortKey })
    .from(images)
    .where(
      pageConditions({
        order: query,
        conditions: splitImageConditions(query, { viewerId: null }),
        window: { cursor },
        limit: query.limit + 1,
      }),
    )
    .orderBy(...page.orderBy)
    .limit(query.limit + 1);
  const items = await Promise.all(
    rows.slice(0, query.limit).map(async ({ image, related }) => {
      const record = toImageRecord(image, related);
      return { ...record, thumb_url: await signThumbUrl(deps.storage, record) };
    }),
  );
  const last = rows[query.limit - 1];
  return ok({
    items,
    next_cursor:
      rows.length > query.limit && last ? encodeKeysetCursor({ key: last.sortKey, id: last.image.id }) : null,
  });
}

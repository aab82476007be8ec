import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { images, imageVariants } from "@/db/schema";
import { type ImageOrder, keysetPage, type PageWindow } from "./keyset-page";

const thumb = alias(imageVariants, "thumb");
const preview = alias(imageVariants, "preview");

/**
 * The one SQL statement behind a page of tiles (gallery grid, review queue): the selection's rows from the
 * cursor on, each with its thumb and preview object keys and its sort key as text. Callers run it (and the
 * benchmark runs its bare SQL).
 */
export function selectTileRows(
  db: Queryable,
  input: { order: ImageOrder; where: SQL; window: PageWindow; limit: number },
) {
  const page = keysetPage(input.order, input.window);
  return db
    .select({
      id: images.id,
      placeholder: images.placeholder,
      prompt: sql<string | null>`left(${images.prompt}, 300)`,
      width: images.width,
      height: images.height,
      model: images.model,
      seed: images.seed,
      reviewStatus: images.reviewStatus,
      scoreAvg: images.scoreAvg,
      objectKey: images.objectKey,
      thumbKey: thumb.objectKey,
      previewKey: preview.objectKey,
      sortKey: page.sortKey,
    })
    .from(images)
    .leftJoin(thumb, and(eq(thumb.imageId, images.id), eq(thumb.name, "thumb")))
    .leftJoin(preview, and(eq(preview.imageId, images.id), eq(preview.name, "preview")))
    .where(page.after ? and(input.where, page.after) : input.where)
    .orderBy(...page.orderBy)
    .limit(input.limit);
}

import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images, imageVariants } from "@/lib/db/schema";
import { isTextCut, textPreview } from "@/lib/images/preview/list-preview";
import { PREVIEW_LIMITS } from "@/lib/images/preview/list-preview-limits";
import type { ImageConditionParts } from "./image-conditions";
import { type ImageOrder, keysetPage, type PageWindow } from "./keyset-page";
import { pageConditions } from "./page-conditions";

// A scalar subquery rather than a join: Postgres evaluates it after Sort + Limit, so a sort no index serves (gap
// sorts thousands of disagreeing images) looks up variants for the page's rows only, not for every candidate.
const variantKey = (name: string) =>
  sql<string | null>`(select ${imageVariants.objectKey} from ${imageVariants}
    where ${imageVariants.imageId} = ${images.id} and ${imageVariants.name} = ${name})`;

// A tile's caption and hover text: the head of the prompt (lib/images/list-preview.ts).
const TILE_PROMPT_CHARS = 300;

/**
 * The one SQL statement behind a page of tiles (gallery grid, review queue): the selection's rows from the
 * cursor on, each with its thumb and preview object keys and its sort key as text. Callers run it (and the
 * benchmark runs its bare SQL).
 */
export function selectTileRows(
  db: Queryable,
  input: { order: ImageOrder; conditions: ImageConditionParts; window: PageWindow; limit: number },
) {
  const page = keysetPage(input.order, input.window);
  return db
    .select({
      id: images.id,
      placeholder: images.placeholder,
      prompt: textPreview(images.prompt, TILE_PROMPT_CHARS),
      promptTruncated: isTextCut(images.prompt, TILE_PROMPT_CHARS),
      width: images.width,
      height: images.height,
      model: textPreview(images.model, PREVIEW_LIMITS.name),
      seed: images.seed,
      reviewStatus: images.reviewStatus,
      scoreAvg: images.scoreAvg,
      deriveState: images.deriveState,
      objectKey: images.objectKey,
      thumbKey: variantKey("thumb"),
      previewKey: variantKey("preview"),
      sortKey: page.sortKey,
    })
    .from(images)
    .where(pageConditions(input))
    .orderBy(...page.orderBy)
    .limit(input.limit);
}

import "server-only";
import { and, asc, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { loraKeysText } from "@/lib/images/selection/image-conditions";
import { containsPattern, parseNameMatch } from "@/lib/images/selection/name-match";
import { ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";

/** Fewer letters than a trigram cannot use the trigram indexes; the filter itself takes any length. */
const MIN_LETTERS = 3;
const LIMIT = 20;

export const suggestFilterNamesSchema = z.object({
  field: z.enum(["model", "lora"]),
  text: storableString().trim().max(200),
});

/**
 * The model or LoRA names (their normalised keys, which the filter matches) that contain the typed text: the
 * gallery filter's suggestions, looked up by the same trigram indexes the filter uses.
 */
export async function suggestFilterNames(
  db: Queryable,
  input: z.output<typeof suggestFilterNamesSchema>,
): Promise<Result<string[]>> {
  const { key } = parseNameMatch(input.text);
  if (key.length < MIN_LETTERS) return ok([]);
  const pattern = containsPattern(key);
  if (input.field === "model") {
    const rows = await db
      .selectDistinct({ name: images.modelKey })
      .from(images)
      .where(and(sql`${images.modelKey} like ${pattern}`, isNull(images.deletedAt)))
      .orderBy(asc(images.modelKey))
      .limit(LIMIT);
    return ok(rows.flatMap((row) => (row.name ? [row.name] : [])));
  }
  const rows = await db.execute<{ name: string }>(sql`select distinct entry->>'key' as name
    from ${images}, jsonb_array_elements(${images.loras}) as entry
    where ${loraKeysText} like ${pattern} and ${images.deletedAt} is null and entry->>'key' like ${pattern}
    order by 1 limit ${LIMIT}`);
  return ok(rows.map((row) => row.name));
}

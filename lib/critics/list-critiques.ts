import "server-only";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/lib/db/client";
import { critiques } from "@/lib/db/schema";
import { decodeKeysetCursor, encodeKeysetCursor } from "@/lib/pagination/keyset-cursor";
import { err, ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";
import { criticNameSchema, criticVersionSchema } from "./critic-name";
import { type CritiqueRecord, toCritiqueRecord } from "./critique-record";

export const listCritiquesQuerySchema = z.strictObject({
  image_id: z.uuid("image_id must be a UUID").optional(),
  critic: criticNameSchema.optional(),
  critic_version: criticVersionSchema.optional(),
  history: z
    .enum(["true", "false"], "history must be true or false")
    .default("false")
    .transform((value) => value === "true")
    .meta({ description: "true: superseded critiques too (newest first); false: current ones only" }),
  cursor: storableString().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500, "limit must be at most 500").default(100),
});
export type ListCritiquesQuery = z.output<typeof listCritiquesQuerySchema>;

/** Critiques newest first, keyset-paginated on (created_at, id); current ones only unless `history`. */
export async function listCritiques(
  db: Queryable,
  query: ListCritiquesQuery,
): Promise<Result<{ items: CritiqueRecord[]; next_cursor: string | null }>> {
  const cursor = query.cursor ? decodeKeysetCursor(query.cursor) : null;
  if (query.cursor && (!cursor || Number.isNaN(Date.parse(cursor.key)))) {
    return err("invalid_request", "cursor is not one this API returned");
  }
  const conditions: (SQL | undefined)[] = [
    query.history ? undefined : eq(critiques.isCurrent, true),
    query.image_id ? eq(critiques.imageId, query.image_id) : undefined,
    query.critic ? eq(critiques.critic, query.critic) : undefined,
    query.critic_version ? eq(critiques.criticVersion, query.critic_version) : undefined,
    cursor
      ? sql`(${critiques.createdAt}, ${critiques.id}) < (${cursor.key}::timestamptz, ${cursor.id}::uuid)`
      : undefined,
  ];
  const rows = await db
    .select({ critique: critiques, cursorAt: sql<string>`${critiques.createdAt}::text` })
    .from(critiques)
    .where(and(...conditions))
    .orderBy(desc(critiques.createdAt), desc(critiques.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return ok({
    items: page.map((row) => toCritiqueRecord(row.critique)),
    next_cursor:
      rows.length > query.limit && last
        ? encodeKeysetCursor({ key: last.cursorAt, id: last.critique.id })
        : null,
  });
}

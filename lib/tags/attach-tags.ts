import "server-only";
import { inArray } from "drizzle-orm";
import type { Transaction } from "@/lib/db/client";
import { imageTags, tags } from "@/lib/db/schema";
import { storedTagName, tagKey } from "./tag-key";

/** Attaches tags by name (folded, lib/tags/tag-key.ts), creating unknown ones as labels. */
export async function attachTags(
  tx: Transaction,
  imageId: string,
  names: string[],
  addedBy: string | null,
): Promise<string[]> {
  // First spelling wins: ["Blurry", "blurry"] is the one tag "Blurry".
  const byKey = new Map<string, string>();
  for (const name of names) if (!byKey.has(tagKey(name))) byKey.set(tagKey(name), storedTagName(name));
  if (byKey.size === 0) return [];
  await tx
    .insert(tags)
    .values([...byKey].map(([foldedName, name]) => ({ name, foldedName, kind: "label" as const })))
    .onConflictDoNothing();
  // Every key now has its row, this request's or a concurrent one's (the unique index on folded_name).
  const rows = await tx
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(inArray(tags.foldedName, [...byKey.keys()]));
  await tx
    .insert(imageTags)
    .values(rows.map((tag) => ({ imageId, tagId: tag.id, addedBy })))
    .onConflictDoNothing();
  return rows.map((tag) => tag.name);
}

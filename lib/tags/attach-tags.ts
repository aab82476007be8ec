import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { imageTags, tags } from "@/db/schema";

/** Attaches tags by name (case-insensitive), creating unknown ones as labels. */
export async function attachTags(
  tx: Transaction,
  imageId: string,
  names: string[],
  addedBy: string | null,
): Promise<string[]> {
  // First spelling wins: ["Blurry", "blurry"] is the one tag "Blurry".
  const byLowerName = new Map<string, string>();
  for (const name of names)
    if (!byLowerName.has(name.toLowerCase())) byLowerName.set(name.toLowerCase(), name);
  const unique = [...byLowerName.values()];
  if (unique.length === 0) return [];
  await tx
    .insert(tags)
    .values(unique.map((name) => ({ name, kind: "label" as const })))
    .onConflictDoNothing();
  const rows = await tx
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(
      inArray(
        sql`lower(${tags.name})`,
        unique.map((name) => name.toLowerCase()),
      ),
    );
  await tx
    .insert(imageTags)
    .values(rows.map((tag) => ({ imageId, tagId: tag.id, addedBy })))
    .onConflictDoNothing();
  return rows.map((tag) => tag.name);
}

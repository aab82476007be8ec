import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { imageTags, runs, tags } from "@/db/schema";
import { err, ok, type Result } from "@/lib/http/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A run named by id must exist; a run named by name is created on first use. */
export async function resolveRun(
  tx: Transaction,
  reference: string | undefined,
  generator: string | null,
): Promise<Result<{ id: string; name: string } | null>> {
  if (reference === undefined) return ok(null);
  if (UUID.test(reference)) {
    const [run] = await tx.select({ id: runs.id, name: runs.name }).from(runs).where(eq(runs.id, reference));
    return run
      ? ok(run)
      : err("invalid_request", `Run ${reference} does not exist`, [
          { path: "metadata.run", message: "unknown run id" },
        ]);
  }
  // Insert-or-read, so concurrent first posts of the same run name agree on one row. Not an upsert: DO UPDATE
  // would lock the run's row until commit and queue every ingest of a run behind the one before it.
  const [created] = await tx
    .insert(runs)
    .values({ name: reference, generator })
    .onConflictDoNothing({ target: runs.name })
    .returning({ id: runs.id, name: runs.name });
  if (created) return ok(created);
  const [existing] = await tx
    .select({ id: runs.id, name: runs.name })
    .from(runs)
    .where(eq(runs.name, reference));
  if (!existing) throw new Error("run insert conflicted but no row was found");
  return ok(existing);
}

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

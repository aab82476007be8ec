import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/lib/db/client";
import { runs } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";

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
  // Read, else insert-or-read: a run's images after its first find it with one select. Concurrent first posts of
  // a name agree on one row: the insert waits for the other's, and the select after it (a new statement, so a new
  // snapshot) sees it. Not an upsert: DO UPDATE would lock the run's row until commit and queue every ingest of a
  // run behind the one before it.
  const byName = () => tx.select({ id: runs.id, name: runs.name }).from(runs).where(eq(runs.name, reference));
  const [found] = await byName();
  if (found) return ok(found);
  const [created] = await tx
    .insert(runs)
    .values({ name: reference, generator })
    .onConflictDoNothing({ target: runs.name })
    .returning({ id: runs.id, name: runs.name });
  if (created) return ok(created);
  const [existing] = await byName();
  if (!existing) throw new Error("run insert conflicted but no row was found");
  return ok(existing);
}

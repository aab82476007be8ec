import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { runs } from "@/db/schema";
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
  // Upsert so concurrent first posts of the same run name agree on one row.
  const [run] = await tx
    .insert(runs)
    .values({ name: reference, generator })
    .onConflictDoUpdate({ target: runs.name, set: { name: sql`excluded.name` } })
    .returning({ id: runs.id, name: runs.name });
  if (!run) throw new Error("run upsert returned no row");
  return ok(run);
}

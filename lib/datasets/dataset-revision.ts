import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { datasets } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";

/**
 * Every change of a dataset's members or captions takes its row lock first (FOR NO KEY UPDATE: writers take turns
 * on one dataset, and a freeze, which takes FOR UPDATE, waits for them and they for it), then works, then bumps
 * the revision. Locking the dataset before its member rows, everywhere, keeps these writers free of deadlocks.
 * With `expected`, the step acts only if the dataset is still at the revision its preview (or audit) showed.
 */
export async function lockDatasetForChange(
  tx: Queryable,
  datasetId: string,
  expected?: number,
): Promise<Result<{ revision: number }>> {
  const [row] = await tx
    .select({ revision: datasets.revision })
    .from(datasets)
    .where(eq(datasets.id, datasetId))
    .for("no key update");
  if (!row) return err("not_found", `Dataset ${datasetId} does not exist`);
  if (expected !== undefined && row.revision !== expected) return staleRevision(row.revision);
  return ok(row);
}

export function staleRevision(current: number): Result<never> {
  return err(
    "conflict",
    "The dataset changed after you looked at it (someone edited captions or members); look again and confirm",
    { revision: current },
  );
}

/** Marks the dataset changed (inside the transaction that holds its lock). */
export async function bumpDatasetRevision(tx: Queryable, datasetId: string): Promise<number> {
  const [row] = await tx
    .update(datasets)
    .set({ revision: sql`${datasets.revision} + 1` })
    .where(eq(datasets.id, datasetId))
    .returning({ revision: datasets.revision });
  return row?.revision ?? 0;
}

import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { images, runs } from "@/lib/db/schema";
import { resolveRun } from "./resolve-run";

export type RunAssignment =
  | { status: "added" | "already"; run: string }
  | { status: "refused"; run: string; reason: string };

/**
 * Puts an already-stored image into a run (an import re-run with `--run`). An image belongs to one run, so one
 * already in another run stays there and the answer says which; the update only fills an empty run, so two
 * imports racing for the same image cannot move it back and forth.
 */
export async function assignImageRun(
  db: Database,
  imageId: string,
  reference: string,
): Promise<RunAssignment> {
  return db.transaction(async (tx) => {
    const run = await resolveRun(tx, reference, null);
    if (!run.ok) return { status: "refused", run: reference, reason: run.error.message };
    if (!run.value) return { status: "refused", run: reference, reason: "no run named" };
    const { id, name } = run.value;
    const [updated] = await tx
      .update(images)
      .set({ runId: id })
      .where(and(eq(images.id, imageId), isNull(images.runId)))
      .returning({ id: images.id });
    if (updated) return { status: "added", run: name };
    const [current] = await tx
      .select({ runId: images.runId, name: runs.name })
      .from(images)
      .leftJoin(runs, eq(runs.id, images.runId))
      .where(eq(images.id, imageId));
    if (current?.runId === id) return { status: "already", run: name };
    return {
      status: "refused",
      run: name,
      reason: `already in run “${current?.name ?? "?"}” (an image belongs to one run)`,
    };
  });
}

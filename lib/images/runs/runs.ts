import "server-only";
import { desc, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { fencedWrite } from "@/lib/db/request-fence";
import { images, runs } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { storableJsonObject, storableString } from "@/lib/zod/storable";

export const createRunSchema = z
  .object({
    name: storableString().trim().min(1, "name is required").max(200),
    generator: storableString().max(100).optional(),
    params: storableJsonObject().optional(),
  })
  .strict();
export type CreateRunInput = z.output<typeof createRunSchema>;

type RunRecord = {
  id: string;
  name: string;
  generator: string | null;
  params: Record<string, unknown>;
  created_at: string;
};
const toRecord = (run: typeof runs.$inferSelect): RunRecord => ({
  id: run.id,
  name: run.name,
  generator: run.generator,
  params: run.params,
  created_at: run.createdAt.toISOString(),
});

/** Run names are unique: creating an existing name is a conflict that names the existing run. */
export async function createRun(db: Database, input: CreateRunInput): Promise<Result<RunRecord>> {
  const [run] = await fencedWrite(db, (q) =>
    q
      .insert(runs)
      .values({ name: input.name, generator: input.generator ?? null, params: input.params ?? {} })
      .onConflictDoNothing()
      .returning(),
  );
  if (!run) return err("conflict", `A run named "${input.name}" already exists`);
  return ok(toRecord(run));
}

export async function listRuns(
  db: Database,
): Promise<Result<{ items: (RunRecord & { image_count: number })[] }>> {
  const rows = await db
    .select({
      run: runs,
      imageCount: sql<number>`(select count(*)::int from ${images} where ${images.runId} = ${runs.id} and ${images.deletedAt} is null)`,
    })
    .from(runs)
    .orderBy(desc(runs.createdAt))
    .limit(500);
  return ok({ items: rows.map((row) => ({ ...toRecord(row.run), image_count: row.imageCount })) });
}

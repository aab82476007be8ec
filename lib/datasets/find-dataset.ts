import "server-only";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { datasets } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DatasetRow = typeof datasets.$inferSelect;

/** A dataset by id, or by name (the CLI's `export <dataset name or id>`). */
export async function findDataset(db: Queryable, reference: string): Promise<DatasetRow | null> {
  const [row] = await db
    .select()
    .from(datasets)
    .where(UUID.test(reference) ? eq(datasets.id, reference) : eq(datasets.name, reference))
    .limit(1);
  return row ?? null;
}

/** The dataset row, or `not_found`: what every operation on one dataset checks first. */
export async function getDatasetRow(db: Queryable, reference: string): Promise<Result<DatasetRow>> {
  const dataset = await findDataset(db, reference);
  return dataset ? ok(dataset) : err("not_found", `Dataset ${reference} does not exist`);
}

import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/lib/db/client";
import { datasets, trainedModels } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";
import { selectTrainedModels, type TrainedModelRecord } from "./trained-model-record";

const UUID = z.uuid();

export const listTrainedModelsQuerySchema = z
  .object({
    dataset: storableString()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe("Only models trained on this dataset (id or name)"),
  })
  .strict();
export type ListTrainedModelsQuery = z.output<typeof listTrainedModelsQuerySchema>;

/** Every registered model, or those trained on one dataset, by dataset, version and name. */
export async function listTrainedModels(
  db: Queryable,
  query: ListTrainedModelsQuery = {},
): Promise<TrainedModelRecord[]> {
  const { dataset } = query;
  if (!dataset) return selectTrainedModels(db, undefined);
  return selectTrainedModels(
    db,
    UUID.safeParse(dataset).success ? eq(datasets.id, dataset) : eq(datasets.name, dataset),
  );
}

/** One registered model by id or name, or `not_found`. */
export async function getTrainedModel(db: Queryable, reference: string): Promise<Result<TrainedModelRecord>> {
  const [record] = await selectTrainedModels(
    db,
    UUID.safeParse(reference).success ? eq(trainedModels.id, reference) : eq(trainedModels.name, reference),
  );
  return record ? ok(record) : err("not_found", `No trained model ${reference} is registered`);
}

import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { datasets, datasetVersions, imageTrainedModels, trainedModels } from "@/lib/db/schema";
import type { LinkSource, TrainedModelKind } from "@/lib/enums/lineage-enums";

export type ImageLineage = {
  model: { id: string; name: string; kind: TrainedModelKind };
  dataset: { id: string; name: string };
  version: number;
  matched_by: LinkSource;
};

/** The trained models an image was made with, each with the dataset version it was trained on. */
export async function listImageLineage(db: Queryable, imageId: string): Promise<ImageLineage[]> {
  const rows = await db
    .select({
      id: trainedModels.id,
      name: trainedModels.name,
      kind: trainedModels.kind,
      datasetId: datasets.id,
      datasetName: datasets.name,
      version: datasetVersions.version,
      matchedBy: imageTrainedModels.matchedBy,
    })
    .from(imageTrainedModels)
    .innerJoin(trainedModels, eq(trainedModels.id, imageTrainedModels.trainedModelId))
    .innerJoin(datasetVersions, eq(datasetVersions.id, trainedModels.datasetVersionId))
    .innerJoin(datasets, eq(datasets.id, datasetVersions.datasetId))
    .where(eq(imageTrainedModels.imageId, imageId))
    .orderBy(asc(trainedModels.kind), asc(trainedModels.name));
  return rows.map((row) => ({
    model: { id: row.id, name: row.name, kind: row.kind },
    dataset: { id: row.datasetId, name: row.datasetName },
    version: row.version,
    matched_by: row.matchedBy,
  }));
}

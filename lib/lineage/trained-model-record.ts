import "server-only";
import { eq, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { datasets, datasetVersions, imageTrainedModels, trainedModels } from "@/lib/db/schema";
import type { TrainedModelKind } from "@/lib/enums/lineage-enums";

/** A registered model as the API, the CLI and the pages show it. */
export type TrainedModelRecord = {
  id: string;
  name: string;
  kind: TrainedModelKind;
  dataset: { id: string; name: string };
  version: number;
  dataset_version_id: string;
  sha256: string | null;
  autov1: string | null;
  autov2: string | null;
  autov3: string | null;
  /** The file name's key (lib/metadata/model-key.ts) images are matched by when they carry no hash. */
  match_key: string | null;
  civitai_version_id: number | null;
  notes: string | null;
  created_at: string;
  /** Stored images (live or in the trash) whose metadata names this model. */
  linked_images: number;
};

const recordColumns = {
  model: trainedModels,
  datasetId: datasets.id,
  datasetName: datasets.name,
  version: datasetVersions.version,
  linkedImages: sql<number>`(select count(*)::int from ${imageTrainedModels}
    where ${imageTrainedModels.trainedModelId} = ${trainedModels.id})`,
};

/** The registered models (with their dataset version), filtered by `where`, by dataset name, version and name. */
export async function selectTrainedModels(
  db: Queryable,
  where: SQL | undefined,
): Promise<TrainedModelRecord[]> {
  const rows = await db
    .select(recordColumns)
    .from(trainedModels)
    .innerJoin(datasetVersions, eq(datasetVersions.id, trainedModels.datasetVersionId))
    .innerJoin(datasets, eq(datasets.id, datasetVersions.datasetId))
    .where(where)
    .orderBy(datasets.name, datasetVersions.version, trainedModels.name);
  return rows.map(({ model, ...row }) => ({
    id: model.id,
    name: model.name,
    kind: model.kind,
    dataset: { id: row.datasetId, name: row.datasetName },
    version: row.version,
    dataset_version_id: model.datasetVersionId,
    sha256: model.sha256,
    autov1: model.autov1,
    autov2: model.autov2,
    autov3: model.autov3,
    match_key: model.matchKey,
    civitai_version_id: model.civitaiVersionId,
    notes: model.notes,
    created_at: model.createdAt.toISOString(),
    linked_images: row.linkedImages,
  }));
}

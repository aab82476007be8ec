import "server-only";
import { sql } from "drizzle-orm";
import { getDatasetRow } from "@/lib/datasets/find-dataset";
import type { Queryable } from "@/lib/db/client";
import { datasetVersions, images, imageTrainedModels, trainedModels } from "@/lib/db/schema";
import type { TrainedModelKind } from "@/lib/enums/lineage-enums";
import { type Interval, wilsonInterval } from "@/lib/insights/wilson-interval";
import { ok, type Result } from "@/lib/result";

/** How the live images made with a version's models are judged (the experiments' figures, lib/insights). */
type Judged = {
  images: number;
  approved: number;
  rejected: number;
  /** approved / (approved + rejected); null when nothing is decided. */
  approval_rate: number | null;
  /** Wilson 95% interval of the approval rate. */
  approval_interval: Interval | null;
};
type ModelFigures = Judged & { id: string; name: string; kind: TrainedModelKind };
type VersionFigures = Judged & {
  version: number;
  dataset_version_id: string;
  image_count: number;
  models: ModelFigures[];
};
export type DatasetLineage = { dataset: { id: string; name: string }; versions: VersionFigures[] };

type Counts = { images: number; approved: number; rejected: number };

function judged(counts: Counts): Judged {
  const decided = counts.approved + counts.rejected;
  return {
    images: counts.images,
    approved: counts.approved,
    rejected: counts.rejected,
    approval_rate: decided > 0 ? counts.approved / decided : null,
    approval_interval: wilsonInterval(counts.approved, decided),
  };
}

const decisions = sql`count(distinct ${images.id})::int as images,
  (count(distinct ${images.id}) filter (where ${images.reviewStatus} = 'approved'))::int as approved,
  (count(distinct ${images.id}) filter (where ${images.reviewStatus} = 'rejected'))::int as rejected`;
const liveImagesOf = sql`left join ${imageTrainedModels} on ${imageTrainedModels.trainedModelId} = ${trainedModels.id}
  left join ${images} on ${images.id} = ${imageTrainedModels.imageId} and ${images.deletedAt} is null`;

/**
 * Per frozen version of a dataset: the models trained on it and how the images made with them are judged, each
 * with its approval rate and Wilson interval, and the same over all of a version's models (an image made with two
 * of them counts once). So a team sees whether v4 produced a LoRA whose images are approved more often than v3's.
 */
export async function compareDatasetVersions(
  db: Queryable,
  datasetReference: string,
): Promise<Result<DatasetLineage>> {
  const dataset = await getDatasetRow(db, datasetReference);
  if (!dataset.ok) return dataset;
  const datasetId = dataset.value.id;
  const [versionRows, modelRows] = await Promise.all([
    db.execute<Counts & { id: string; version: number; image_count: number }>(sql`
      select ${datasetVersions.id} as id, ${datasetVersions.version} as version,
        ${datasetVersions.imageCount} as image_count, ${decisions}
      from ${datasetVersions}
        left join ${trainedModels} on ${trainedModels.datasetVersionId} = ${datasetVersions.id}
        ${liveImagesOf}
      where ${datasetVersions.datasetId} = ${datasetId}
      group by ${datasetVersions.id}
      order by ${datasetVersions.version}`),
    db.execute<Counts & { id: string; name: string; kind: TrainedModelKind; version_id: string }>(sql`
      select ${trainedModels.id} as id, ${trainedModels.name} as name, ${trainedModels.kind} as kind,
        ${trainedModels.datasetVersionId} as version_id, ${decisions}
      from ${trainedModels}
        join ${datasetVersions} on ${datasetVersions.id} = ${trainedModels.datasetVersionId}
        ${liveImagesOf}
      where ${datasetVersions.datasetId} = ${datasetId}
      group by ${trainedModels.id}
      order by ${trainedModels.name}`),
  ]);
  const versions = versionRows.map((row) => ({
    version: row.version,
    dataset_version_id: row.id,
    image_count: row.image_count,
    ...judged(row),
    models: modelRows
      .filter((model) => model.version_id === row.id)
      .map((model) => ({ id: model.id, name: model.name, kind: model.kind, ...judged(model) })),
  }));
  return ok({ dataset: { id: datasetId, name: dataset.value.name }, versions });
}

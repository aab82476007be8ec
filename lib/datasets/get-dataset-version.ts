import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { type DatasetImageSnapshot, datasetVersionImages, datasetVersions } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { storedCaption } from "./caption-source";
import { findDataset } from "./find-dataset";

export type VersionEntry = {
  position: number;
  imageId: string;
  sha256: string;
  objectKey: string;
  fileName: string;
  caption: string;
  snapshot: DatasetImageSnapshot;
};
export type DatasetVersion = {
  dataset: { id: string; name: string };
  version: number;
  note: string | null;
  createdAt: Date;
  entries: VersionEntry[];
};

/** A frozen version with its entries in export order; without a number, the latest version. */
export async function getDatasetVersion(
  db: Database,
  datasetReference: string,
  versionNumber?: number,
): Promise<Result<DatasetVersion>> {
  const dataset = await findDataset(db, datasetReference);
  if (!dataset) return err("not_found", `Dataset ${datasetReference} does not exist`);
  const [version] = await db
    .select()
    .from(datasetVersions)
    .where(
      and(
        eq(datasetVersions.datasetId, dataset.id),
        versionNumber === undefined ? undefined : eq(datasetVersions.version, versionNumber),
      ),
    )
    .orderBy(desc(datasetVersions.version))
    .limit(1);
  if (!version) {
    return err(
      "not_found",
      versionNumber === undefined
        ? `Dataset ${dataset.name} has no frozen version yet`
        : `Dataset ${dataset.name} has no version ${versionNumber}`,
    );
  }
  const entries = await db
    .select({
      position: datasetVersionImages.position,
      imageId: datasetVersionImages.imageId,
      sha256: datasetVersionImages.sha256,
      objectKey: datasetVersionImages.objectKey,
      fileName: datasetVersionImages.fileName,
      caption: storedCaption(datasetVersionImages.caption),
      snapshot: datasetVersionImages.snapshot,
    })
    .from(datasetVersionImages)
    .where(eq(datasetVersionImages.versionId, version.id))
    .orderBy(asc(datasetVersionImages.position));
  return ok({
    dataset: { id: dataset.id, name: dataset.name },
    version: version.version,
    note: version.note,
    createdAt: version.createdAt,
    entries,
  });
}

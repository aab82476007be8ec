import "server-only";
import { asc, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { datasetImages, datasets, datasetVersions } from "@/lib/db/schema";

export type DatasetListItem = {
  id: string;
  name: string;
  description: string | null;
  image_count: number;
  latest_version: number | null;
  created_at: string;
};

/** Every dataset by name, with its image count and latest frozen version number. */
export async function listDatasets(db: Database): Promise<DatasetListItem[]> {
  // Drizzle renders columns unqualified here, so the outer row's id is spelled with its table: a bare "id"
  // would bind to the subquery's own table.
  const rows = await db
    .select({
      id: datasets.id,
      name: datasets.name,
      description: datasets.description,
      createdAt: datasets.createdAt,
      imageCount: sql<number>`(select count(*)::int from ${datasetImages} where ${datasetImages.datasetId} = ${datasets}."id")`,
      latestVersion: sql<
        number | null
      >`(select max(${datasetVersions.version}) from ${datasetVersions} where ${datasetVersions.datasetId} = ${datasets}."id")`,
    })
    .from(datasets)
    .orderBy(asc(datasets.name));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    image_count: row.imageCount,
    latest_version: row.latestVersion,
    created_at: row.createdAt.toISOString(),
  }));
}

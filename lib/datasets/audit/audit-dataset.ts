import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { criticRejects } from "@/lib/critics/disagreement";
import type { Database } from "@/lib/db/client";
import { critiques, datasetImages, images } from "@/lib/db/schema";
import { ok, type Result } from "@/lib/result";
import { getDatasetRow } from "../find-dataset";
import type { CriticDistribution, DatasetAudit } from "./audit-types";
import { auditWarnings } from "./audit-warnings";
import { findNearDuplicateClusters } from "./near-duplicate-clusters";
import { aspectBucketSql, shortSideBucketSql, shortSideSql } from "./size-bucket-sql";
import { ASPECT_BUCKETS, SHORT_SIDE_BUCKETS, SMALL_SHORT_SIDE } from "./size-buckets";

/**
 * What to look at before freezing a version: near-duplicate clusters inside the dataset, resolution and aspect
 * buckets, images without a caption, images no longer approved, and each critic's score distribution, each
 * problem a warning with the workbench filter that shows its images. Aggregates in SQL: the answer's size does
 * not grow with the dataset's.
 */
export async function auditDataset(db: Database, datasetId: string): Promise<Result<DatasetAudit>> {
  const dataset = await getDatasetRow(db, datasetId);
  if (!dataset.ok) return dataset;
  const id = dataset.value.id;
  const [counts, shortSides, aspects, statuses, critics, nearDuplicates] = await Promise.all([
    db
      .select({
        total: sql<number>`count(*)::int`,
        missingCaptions: sql<number>`(count(*) filter (where coalesce(${datasetImages.caption}, '') = ''))::int`,
        small: sql<number>`(count(*) filter (where ${shortSideSql} < ${SMALL_SHORT_SIDE}))::int`,
        withoutHash: sql<number>`(count(*) filter (where ${images.phash} is null))::int`,
      })
      .from(datasetImages)
      .innerJoin(images, eq(images.id, datasetImages.imageId))
      .where(eq(datasetImages.datasetId, id)),
    histogram(db, id, shortSideBucketSql),
    histogram(db, id, aspectBucketSql),
    histogram(db, id, sql<string>`${images.reviewStatus}`),
    criticDistributions(db, id),
    findNearDuplicateClusters(db, id),
  ]);
  const count = counts[0] ?? { total: 0, missingCaptions: 0, small: 0, withoutHash: 0 };
  const audit: Omit<DatasetAudit, "warnings"> = {
    dataset_id: id,
    revision: dataset.value.revision,
    image_count: count.total,
    near_duplicates: nearDuplicates,
    without_hash: count.withoutHash,
    short_sides: SHORT_SIDE_BUCKETS.map((bucket) => ({
      bucket: bucket.label,
      count: shortSides.get(bucket.label) ?? 0,
    })),
    aspect_ratios: ASPECT_BUCKETS.map((bucket) => ({ bucket, count: aspects.get(bucket) ?? 0 })).filter(
      (bucket) => bucket.count > 0,
    ),
    missing_captions: count.missingCaptions,
    small_images: count.small,
    review_statuses: [...statuses].map(([status, value]) => ({ status, count: value })),
    critics,
  };
  return ok({ ...audit, warnings: auditWarnings(audit) });
}

async function histogram(db: Database, datasetId: string, bucket: SQL<string>) {
  const rows = await db
    .select({ bucket, count: sql<number>`count(*)::int` })
    .from(datasetImages)
    .innerJoin(images, eq(images.id, datasetImages.imageId))
    .where(eq(datasetImages.datasetId, datasetId))
    .groupBy(sql`1`);
  return new Map(rows.map((row) => [row.bucket, row.count]));
}

async function criticDistributions(db: Database, datasetId: string): Promise<CriticDistribution[]> {
  const bin = sql<number>`least(floor(${critiques.scoreNormalized} * 10), 9)::int`;
  const onMembers = and(eq(datasetImages.datasetId, datasetId), eq(critiques.isCurrent, true));
  const [summaries, bins] = await Promise.all([
    db
      .select({
        critic: critiques.critic,
        critiques: sql<number>`count(*)::int`,
        mean: sql<number | null>`avg(${critiques.scoreNormalized})::float8`,
        rejects: sql<number>`(count(*) filter (where ${criticRejects}))::int`,
      })
      .from(datasetImages)
      .innerJoin(critiques, eq(critiques.imageId, datasetImages.imageId))
      .where(onMembers)
      .groupBy(critiques.critic)
      .orderBy(critiques.critic)
      .limit(20),
    db
      .select({ critic: critiques.critic, bin, count: sql<number>`count(*)::int` })
      .from(datasetImages)
      .innerJoin(critiques, eq(critiques.imageId, datasetImages.imageId))
      .where(and(onMembers, sql`${critiques.scoreNormalized} is not null`))
      .groupBy(critiques.critic, sql`2`),
  ]);
  return summaries.map((summary) => {
    const histogram = Array.from({ length: 10 }, () => 0);
    for (const row of bins) if (row.critic === summary.critic) histogram[row.bin] = row.count;
    return { ...summary, histogram };
  });
}

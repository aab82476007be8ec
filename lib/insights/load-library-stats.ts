import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { datasetImages, datasets, images, runs } from "@/lib/db/schema";
import { checkViewerFor, imageConditions } from "@/lib/images/selection/image-conditions";
import { ok, type Result } from "@/lib/result";
import { trainedOnJoin, trainedOnName } from "./experiment-parameters";
import { groupImages } from "./group-images";
import { imagesByDay } from "./images-by-day";
import { reviewThroughput } from "./review-throughput";
import type { LibraryStats, LibraryStatsQuery } from "./stats-input";
import { storageUsage } from "./storage-usage";

const WEEKS = 104;

/**
 * The library's numbers for the stats page, `cli stats` and the MCP `library_stats` tool: the live images a
 * selection filter matches (lib/images/selection), counted and summed by status, model (the normalised key,
 * shown with its most common verbatim name), run, generator, dataset, day and ISO week; review throughput;
 * storage from the rows. No viewer: `unreviewed_me` is refused.
 */
export async function loadLibraryStats(
  db: Queryable,
  query: LibraryStatsQuery,
): Promise<Result<LibraryStats>> {
  const checked = checkViewerFor(query, null);
  if (!checked.ok) return checked;
  const where = imageConditions(query, { viewerId: null });
  const { top } = query;
  const [totals] = await db.execute<{ images: number; bytes: number }>(
    sql`select count(*)::int as images, coalesce(sum(${images.byteSize}), 0)::float8 as bytes
      from ${images} where ${where}`,
  );
  const week = sql`to_char(date_trunc('week', ${images.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const [byStatus, byModel, byRun, byGenerator, byDataset, byTrainedOn, byDay, byWeek, throughput, storage] =
    await Promise.all([
      groupImages(
        db,
        where,
        { key: sql`${images.reviewStatus}`, name: sql`min(${images.reviewStatus})` },
        10,
      ),
      groupImages(
        db,
        where,
        { key: sql`${images.modelKey}`, name: sql`mode() within group (order by ${images.model})` },
        top,
      ),
      groupImages(
        db,
        where,
        {
          key: sql`${images.runId}::text`,
          name: sql`min(${runs.name})`,
          join: sql`left join ${runs} on ${runs.id} = ${images.runId}`,
        },
        top,
      ),
      groupImages(db, where, { key: sql`${images.generator}`, name: sql`min(${images.generator})` }, top),
      groupImages(
        db,
        where,
        {
          key: sql`${datasets.id}::text`,
          name: sql`min(${datasets.name})`,
          join: sql`join ${datasetImages} on ${datasetImages.imageId} = ${images.id}
            join ${datasets} on ${datasets.id} = ${datasetImages.datasetId}`,
        },
        top,
      ),
      groupImages(
        db,
        where,
        { key: sql`lineage.version_id::text`, name: trainedOnName, join: trainedOnJoin },
        top,
      ),
      imagesByDay(db, where, query.days),
      groupImages(db, where, { key: week, name: week, orderBy: sql`1 desc` }, WEEKS),
      reviewThroughput(db, where, query.days),
      storageUsage(db),
    ]);
  return ok({
    totals: totals ?? { images: 0, bytes: 0 },
    by_status: byStatus,
    by_model: byModel,
    by_run: byRun,
    by_generator: byGenerator,
    by_dataset: byDataset,
    by_trained_on: byTrainedOn,
    by_day: byDay,
    by_week: byWeek.reverse(),
    review_throughput: throughput,
    storage,
  });
}

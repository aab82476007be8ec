import "server-only";
import { desc, eq, isNotNull } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { datasetCaptionChanges, users } from "@/lib/db/schema";
import type { CaptionChangeKind } from "@/lib/enums/caption-change-kinds";
import { textPreview } from "@/lib/images/preview/list-preview";
import { ok, type Result } from "@/lib/result";
import { getDatasetRow } from "../find-dataset";

export type CaptionChangeSummary = {
  id: string;
  kind: CaptionChangeKind;
  summary: string;
  image_count: number;
  by: string | null;
  at: string;
  undone: boolean;
};

const CHANGES_LIMIT = 20;
const SUMMARY_CHARS = 300;

/** A dataset's latest caption changes (the last 20), each undoable in one step until undone. */
export async function listCaptionChanges(
  db: Database,
  datasetId: string,
): Promise<Result<{ items: CaptionChangeSummary[] }>> {
  const dataset = await getDatasetRow(db, datasetId);
  if (!dataset.ok) return dataset;
  const rows = await db
    .select({
      id: datasetCaptionChanges.id,
      kind: datasetCaptionChanges.kind,
      summary: textPreview(datasetCaptionChanges.summary, SUMMARY_CHARS),
      imageCount: datasetCaptionChanges.imageCount,
      by: users.email,
      at: datasetCaptionChanges.createdAt,
      undone: isNotNull(datasetCaptionChanges.undoneBy),
    })
    .from(datasetCaptionChanges)
    .leftJoin(users, eq(users.id, datasetCaptionChanges.createdBy))
    .where(eq(datasetCaptionChanges.datasetId, dataset.value.id))
    .orderBy(desc(datasetCaptionChanges.createdAt), desc(datasetCaptionChanges.id))
    .limit(CHANGES_LIMIT);
  return ok({
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      summary: row.summary ?? "",
      image_count: row.imageCount,
      by: row.by,
      at: row.at.toISOString(),
      undone: Boolean(row.undone),
    })),
  });
}

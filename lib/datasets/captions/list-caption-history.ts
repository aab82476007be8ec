import "server-only";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { datasetCaptionChanges, datasetCaptionEdits, users } from "@/lib/db/schema";
import type { CaptionChangeKind } from "@/lib/enums/caption-change-kinds";
import { textPreview } from "@/lib/images/preview/list-preview";
import { ok, type Result } from "@/lib/result";
import { getDatasetRow } from "../find-dataset";

export type CaptionHistoryEntry = {
  change_id: string;
  kind: CaptionChangeKind;
  summary: string;
  before: string;
  after: string;
  by: string | null;
  at: string;
  /** The whole change was undone since. */
  undone: boolean;
};

const HISTORY_LIMIT = 50;
const SUMMARY_CHARS = 300;

/** One image's caption changes in a dataset, newest first (the last 50): what it was, what it became, by whom. */
export async function listCaptionHistory(
  db: Database,
  target: { datasetId: string; imageId: string },
): Promise<Result<{ items: CaptionHistoryEntry[] }>> {
  const dataset = await getDatasetRow(db, target.datasetId);
  if (!dataset.ok) return dataset;
  const rows = await db
    .select({
      changeId: datasetCaptionChanges.id,
      kind: datasetCaptionChanges.kind,
      summary: textPreview(datasetCaptionChanges.summary, SUMMARY_CHARS),
      before: datasetCaptionEdits.before,
      after: datasetCaptionEdits.after,
      by: users.email,
      at: datasetCaptionChanges.createdAt,
      undone: isNotNull(datasetCaptionChanges.undoneBy),
    })
    .from(datasetCaptionEdits)
    .innerJoin(datasetCaptionChanges, eq(datasetCaptionChanges.id, datasetCaptionEdits.changeId))
    .leftJoin(users, eq(users.id, datasetCaptionChanges.createdBy))
    .where(
      and(
        eq(datasetCaptionEdits.datasetId, target.datasetId),
        eq(datasetCaptionEdits.imageId, target.imageId),
      ),
    )
    .orderBy(desc(datasetCaptionChanges.createdAt), desc(datasetCaptionChanges.id))
    .limit(HISTORY_LIMIT);
  return ok({
    items: rows.map((row) => ({
      change_id: row.changeId,
      kind: row.kind,
      summary: row.summary ?? "",
      before: row.before,
      after: row.after,
      by: row.by,
      at: row.at.toISOString(),
      undone: Boolean(row.undone),
    })),
  });
}

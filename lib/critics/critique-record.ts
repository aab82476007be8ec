import type { z } from "zod";
import type { critiques } from "@/lib/db/schema";
import type { critiqueRecordSchema } from "./critique-record-schema";

export type CritiqueRow = typeof critiques.$inferSelect;
export type CritiqueRecord = z.output<typeof critiqueRecordSchema>;

/** The API's view of a critique row (snake case on the wire). */
export function toCritiqueRecord(row: CritiqueRow): CritiqueRecord {
  return {
    id: row.id,
    image_id: row.imageId,
    critic: row.critic,
    critic_version: row.criticVersion,
    score: row.score,
    scale: row.scale,
    score_normalized: row.scoreNormalized,
    decision: row.decision,
    reasons: row.reasons,
    raw: row.raw,
    is_current: row.isCurrent,
    superseded_at: row.supersededAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { criticGaps, criticSettings, critiques, images } from "@/lib/db/schema";
import type { Disagreement } from "./disagreement-filter";

// A critic without a threshold of its own approves from a normalised score of 0.5.
export const DEFAULT_APPROVE_THRESHOLD = 0.5;

/**
 * The critic's verdict on its row: its decision when it gave one, else its normalised score against `threshold`,
 * the critic's approve threshold. The kept gaps apply the same rule in SQL (refresh_critic_gaps, in the
 * critic_gap_triggers migration); critic-gaps.test.ts holds the two to one meaning.
 */
export function criticVerdictsAgainst(threshold: SQL): { approves: SQL; rejects: SQL } {
  return {
    approves: sql`coalesce(${critiques.decision} = 'approve', ${critiques.scoreNormalized} >= ${threshold})`,
    rejects: sql`coalesce(${critiques.decision} = 'reject', ${critiques.scoreNormalized} < ${threshold})`,
  };
}

/** The threshold of a critic_settings row joined on the critique's critic (a left join: none is the default). */
export const joinedThreshold = sql`coalesce(${criticSettings.approveThreshold}, ${DEFAULT_APPROVE_THRESHOLD})`;

/** The verdict on one critique row read alone: its critic's threshold looked up for the row. */
export const { approves: criticApproves, rejects: criticRejects } = criticVerdictsAgainst(
  sql`coalesce((select ${criticSettings.approveThreshold} from ${criticSettings}
    where ${criticSettings.critic} = ${critiques.critic}), ${DEFAULT_APPROVE_THRESHOLD})`,
);

/** The critic_gaps rows a filter or sort reads: one critic's, or those of any critic ('') when none is named. */
const gapRowsOf = (critic: string | undefined) => critic ?? "";

/**
 * The selection condition: images whose human consensus (approved / rejected) a current critique contradicts:
 * "critic approved, humans rejected", the reverse, or either. A rejected image can only be contradicted by an
 * approval and an approved one by a rejection, so the consensus picks the direction and the kept gap row
 * (critic_gaps, lib/db/schema/critics.ts) says whether there is one: a primary key lookup per image.
 */
export function disagreementCondition(filter: { disagreement: Disagreement; critic?: string }): SQL {
  const statuses =
    filter.disagreement === "critic_approved"
      ? sql`${images.reviewStatus} = 'rejected'`
      : filter.disagreement === "critic_rejected"
        ? sql`${images.reviewStatus} = 'approved'`
        : sql`${images.reviewStatus} in ('approved', 'rejected')`;
  return sql`(${statuses} and exists (select 1 from ${criticGaps}
    where ${criticGaps.imageId} = ${images.id} and ${criticGaps.critic} = ${gapRowsOf(filter.critic)}))`;
}

/**
 * The gap sort's key: the kept gap (0–1) of an image a current critique contradicts, -1 for the others, so every
 * disagreement comes before every image without one. Never null, so it can be a keyset key; a real, so its text
 * form casts back exactly. Pages are walked by walkGapSort (lib/images/selection/walk-gap-sort.ts), not by this.
 */
export function disagreementGap(filter: { critic?: string }): SQL<number> {
  return sql<number>`coalesce((select ${criticGaps.gap} from ${criticGaps}
    where ${criticGaps.imageId} = ${images.id} and ${criticGaps.critic} = ${gapRowsOf(filter.critic)}), -1)::real`;
}

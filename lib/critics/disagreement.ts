import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { criticSettings, critiques, images } from "@/db/schema";
import type { Disagreement } from "./disagreement-filter";

// A critic without a threshold of its own approves from a normalised score of 0.5.
export const DEFAULT_APPROVE_THRESHOLD = 0.5;

const threshold = sql`coalesce((select ${criticSettings.approveThreshold} from ${criticSettings}
  where ${criticSettings.critic} = ${critiques.critic}), ${DEFAULT_APPROVE_THRESHOLD})`;

/** The critic's verdict on its row: its decision when it gave one, else its normalised score against its threshold. */
export const criticApproves = sql`coalesce(${critiques.decision} = 'approve', ${critiques.scoreNormalized} >= ${threshold})`;
export const criticRejects = sql`coalesce(${critiques.decision} = 'reject', ${critiques.scoreNormalized} < ${threshold})`;

// A current critique of this image (by one critic when named) that contradicts the human consensus.
function contradicting(direction: Disagreement, critic: string | undefined): SQL {
  const approvedAgainstRejection = sql`(${images.reviewStatus} = 'rejected' and ${criticApproves})`;
  const rejectedAgainstApproval = sql`(${images.reviewStatus} = 'approved' and ${criticRejects})`;
  const verdict =
    direction === "critic_approved"
      ? approvedAgainstRejection
      : direction === "critic_rejected"
        ? rejectedAgainstApproval
        : sql`(${approvedAgainstRejection} or ${rejectedAgainstApproval})`;
  return sql`${critiques.imageId} = ${images.id} and ${critiques.isCurrent}
    ${critic ? sql`and ${critiques.critic} = ${critic}` : sql``} and ${verdict}`;
}

/**
 * The selection condition: images whose human consensus (approved / rejected) a current critique contradicts:
 * "critic approved, humans rejected", the reverse, or either. Served per image by critiques_image_id_critic_idx;
 * the status test on `images` comes first so undecided images never reach the subquery.
 */
export function disagreementCondition(filter: { disagreement: Disagreement; critic?: string }): SQL {
  const statuses =
    filter.disagreement === "critic_approved"
      ? sql`${images.reviewStatus} = 'rejected'`
      : filter.disagreement === "critic_rejected"
        ? sql`${images.reviewStatus} = 'approved'`
        : sql`${images.reviewStatus} in ('approved', 'rejected')`;
  return sql`(${statuses} and exists (select 1 from ${critiques}
    where ${contradicting(filter.disagreement, filter.critic)}))`;
}

/**
 * The size of the gap, for sorting: the largest distance between a contradicting critic's normalised score and
 * the humans' verdict (approved = 1, rejected = 0), in 0–1; 0 when no critique contradicts. Never null, so it
 * can be a keyset key; a real, so its text form casts back exactly.
 */
export function disagreementGap(filter: { critic?: string }): SQL<number> {
  return sql<number>`coalesce((select max(abs(
      case when ${images.reviewStatus} = 'approved' then 1 else 0 end - ${critiques.scoreNormalized}))
    from ${critiques} where ${contradicting("any", filter.critic)}), 0)::real`;
}

import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { critiques, images } from "@/lib/db/schema";
import { criticApproves, criticRejects } from "./disagreement";

/** The critic's verdict as a label: 'approve', 'reject', or null (a legacy row with neither score nor decision). */
export const criticVerdict = sql<
  string | null
>`case when ${criticApproves} then 'approve' when ${criticRejects} then 'reject' end`;

/** The human consensus as the same labels: approved → 'approve', rejected → 'reject', anything else null. */
export const humanVerdict = sql<
  string | null
>`case ${images.reviewStatus} when 'approved' then 'approve' when 'rejected' then 'reject' end`;

/** Current critiques of one critic (one version when given) on live images: the rows every report reads. */
export function criticRows(critic: string, version?: string): SQL {
  return sql`${critiques} join ${images} on ${images.id} = ${critiques.imageId}
    where ${critiques.isCurrent} and ${critiques.critic} = ${critic}
    ${version ? sql`and ${critiques.criticVersion} = ${version}` : sql``}
    and ${images.deletedAt} is null`;
}

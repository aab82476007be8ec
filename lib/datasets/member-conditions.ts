import "server-only";
import { and, eq, inArray, isNotNull, isNull, ne, type SQL, sql } from "drizzle-orm";
import { criticRejects } from "@/lib/critics/disagreement";
import { critiques, datasetImages, images } from "@/lib/db/schema";
import { aspectBucketSql, shortSideSql } from "./audit/size-bucket-sql";
import { hasCaptionTag } from "./caption-tag-sql";
import type { MemberFilter } from "./member-filter";

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** The condition on `dataset_images` joined with `images` for one dataset's members that the filter selects. */
export function memberConditions(datasetId: string, filter: MemberFilter = {}): SQL | undefined {
  return and(
    eq(datasetImages.datasetId, datasetId),
    filter.ids ? inArray(datasetImages.imageId, filter.ids) : undefined,
    filter.tag ? hasCaptionTag(filter.tag) : undefined,
    filter.q ? sql`${datasetImages.caption} ilike ${`%${escapeLike(filter.q)}%`}` : undefined,
    filter.missing === "caption" ? sql`coalesce(${datasetImages.caption}, '') = ''` : undefined,
    filter.status === "not_approved"
      ? ne(images.reviewStatus, "approved")
      : filter.status
        ? eq(images.reviewStatus, filter.status)
        : undefined,
    filter.hand_edited === "yes"
      ? isNotNull(datasetImages.captionEditedAt)
      : filter.hand_edited === "no"
        ? isNull(datasetImages.captionEditedAt)
        : undefined,
    filter.aspect ? sql`${aspectBucketSql} = ${filter.aspect}` : undefined,
    filter.short_side_below ? sql`${shortSideSql} < ${filter.short_side_below}` : undefined,
    filter.critic_rejects
      ? sql`exists (select 1 from ${critiques} where ${critiques.imageId} = ${images.id}
          and ${critiques.isCurrent} and ${critiques.critic} = ${filter.critic_rejects} and ${criticRejects})`
      : undefined,
  );
}

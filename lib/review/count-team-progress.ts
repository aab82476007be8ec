import "server-only";
import { inArray } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { countImages } from "@/lib/images/selection/count-images";
import type { SelectionCount } from "@/lib/images/selection/format-count";
import type { ImageSelection } from "@/lib/images/selection/image-filter";
import { SETTLED_STATUSES } from "./review-leases";

/** The team's progress through a view: how many of its images the consensus rule has settled (capped as counts are). */
export function countTeamProgress(
  db: Queryable,
  input: { query: ImageSelection; reviewerId: string },
): Promise<SelectionCount> {
  return countImages(db, {
    filter: input.query,
    viewerId: input.reviewerId,
    also: inArray(images.reviewStatus, [...SETTLED_STATUSES]),
  });
}

import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { datasetImages, datasetVersionImages, images } from "@/lib/db/schema";

/** Why an image must be kept: approved, in a dataset, in a frozen dataset version. Empty: it may be purged. */
export async function findPurgeBlockers(db: Queryable, imageId: string): Promise<string[]> {
  // Drizzle renders columns unqualified here, so the outer row's id is spelled with its table: a bare "id"
  // would bind to the subquery's own table.
  const [row] = await db
    .select({
      approved: sql<boolean>`${images.reviewStatus} = 'approved'`,
      inDataset: sql<boolean>`exists (select 1 from ${datasetImages} where ${datasetImages.imageId} = ${images}."id")`,
      inVersion: sql<boolean>`exists (select 1 from ${datasetVersionImages} where ${datasetVersionImages.imageId} = ${images}."id")`,
    })
    .from(images)
    .where(eq(images.id, imageId));
  if (!row) return [];
  return [
    row.approved ? "it is approved" : null,
    row.inDataset ? "it is in a dataset" : null,
    row.inVersion ? "it is in a frozen dataset version" : null,
  ].filter((reason): reason is string => reason !== null);
}

import "server-only";
import { and, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { images, imageVariants } from "@/lib/db/schema";
import type { DeriveState } from "@/lib/enums/image-enums";
import { ok, type Result } from "@/lib/result";
import { signGetUrl } from "@/lib/storage/signing";
import type { Storage } from "@/lib/storage/storage";

export const listReadyTilesSchema = z.object({ ids: z.array(z.uuid()).min(1).max(200) });
export type ReadyTile = { id: string; url: string; placeholder: string | null; deriveState: DeriveState };

/**
 * Of tiles a page shows while their variants are being made, those whose derivation has ended since: with the
 * thumb's signed URL and the placeholder, so the page swaps them in without a reload. One indexed query.
 */
export async function listReadyTiles(
  deps: { db: Database; storage: Storage },
  input: z.input<typeof listReadyTilesSchema>,
): Promise<Result<ReadyTile[]>> {
  const { ids } = listReadyTilesSchema.parse(input);
  const rows = await deps.db
    .select({
      id: images.id,
      objectKey: images.objectKey,
      placeholder: images.placeholder,
      deriveState: images.deriveState,
      thumbKey: sql<string | null>`(select ${imageVariants.objectKey} from ${imageVariants}
        where ${imageVariants.imageId} = ${images.id} and ${imageVariants.name} = 'thumb')`,
    })
    .from(images)
    .where(and(inArray(images.id, ids), ne(images.deriveState, "pending")));
  return ok(
    await Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        url: await signGetUrl(deps.storage, row.thumbKey ?? row.objectKey),
        placeholder: row.placeholder,
        deriveState: row.deriveState,
      })),
    ),
  );
}

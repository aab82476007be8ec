import "server-only";
import { and, desc, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { findNearHashes } from "./find-similar-images";

type NearDuplicateGroup = { imageIds: string[] };
export type NearDuplicatePage = { groups: NearDuplicateGroup[]; nextCursor: string | null };

const SEEDS_PER_PAGE = 200;

/**
 * Groups of near-duplicate live images, newest first: a page takes the next 200 images (keyset on created_at,
 * id), looks each one's neighbours up through the band index, and joins overlapping pairs (union-find). A group
 * spanning two pages may show in both; each lookup stays an index probe, so a page costs the same at any size.
 */
export async function listNearDuplicateGroups(
  db: Database,
  options: { cursor?: string | null } = {},
): Promise<NearDuplicatePage> {
  const [cursorAt, cursorId] = options.cursor?.split("_") ?? [];
  const seeds = await db
    // created_at as text keeps its microseconds for the cursor (a JS Date would round them away).
    .select({ id: images.id, phash: images.phash, cursorAt: sql<string>`${images.createdAt}::text` })
    .from(images)
    .where(
      and(
        isNull(images.deletedAt),
        isNotNull(images.phash),
        cursorAt && cursorId
          ? or(
              sql`${images.createdAt} < ${cursorAt}::timestamptz`,
              and(sql`${images.createdAt} = ${cursorAt}::timestamptz`, lt(images.id, cursorId)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(images.createdAt), desc(images.id))
    .limit(SEEDS_PER_PAGE);
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    const up = parent.get(id) ?? id;
    if (up === id) return id;
    const root = find(up);
    parent.set(id, root);
    return root;
  };
  for (const seed of seeds) {
    if (seed.phash === null) continue;
    for (const near of await findNearHashes(db, seed.phash, { excludeId: seed.id, limit: 50 })) {
      parent.set(find(near.id), find(seed.id));
      if (!parent.has(seed.id)) parent.set(seed.id, seed.id);
    }
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  const last = seeds.at(-1);
  return {
    groups: [...groups.values()].filter((ids) => ids.length > 1).map((imageIds) => ({ imageIds })),
    nextCursor: seeds.length === SEEDS_PER_PAGE && last ? `${last.cursorAt}_${last.id}` : null,
  };
}

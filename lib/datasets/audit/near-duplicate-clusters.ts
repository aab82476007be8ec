import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { datasetImages, images } from "@/lib/db/schema";
import { NEAR_DUPLICATE_DISTANCE } from "@/lib/images/similar/perceptual-hash";

export type NearDuplicateClusters = {
  /** The largest clusters first, each with at most CLUSTER_IDS of its image ids. */
  clusters: { size: number; image_ids: string[] }[];
  cluster_count: number;
  images_in_clusters: number;
  /** More close pairs than PAIR_LIMIT: some clusters may be missing or split. */
  truncated: boolean;
};

const PAIR_LIMIT = 20_000;
const CLUSTERS_SHOWN = 50;
const CLUSTER_IDS = 24;

/**
 * Groups of the dataset's images whose perceptual hashes are within NEAR_DUPLICATE_DISTANCE bits. Identical hashes
 * group by themselves; distinct hashes pair up in SQL through the bands (two hashes that close share a band up to
 * one bit, lib/images/similar/perceptual-hash.ts): each distinct hash's 4 bands × 17 probe values join the others' bands,
 * and only those candidates get the exact distance. Pairs then join into clusters (union-find). Images without a
 * hash yet are left out (the audit counts them).
 */
export async function findNearDuplicateClusters(
  db: Database,
  datasetId: string,
): Promise<NearDuplicateClusters> {
  const members = await db
    .select({ id: images.id, phash: sql<string>`${images.phash}::text` })
    .from(datasetImages)
    .innerJoin(images, eq(images.id, datasetImages.imageId))
    .where(and(eq(datasetImages.datasetId, datasetId), isNotNull(images.phash)));
  const pairs = await db.execute<{ a: string; b: string }>(sql`
    with hashes as (
      select distinct ${images.phash} as phash, ${images.phashBand0} as b0, ${images.phashBand1} as b1,
        ${images.phashBand2} as b2, ${images.phashBand3} as b3
      from ${datasetImages} join ${images} on ${images.id} = ${datasetImages.imageId}
      where ${datasetImages.datasetId} = ${datasetId} and ${images.phash} is not null),
    bands as (
      select hashes.phash, band.k, band.v from hashes
      cross join lateral (values (0, b0), (1, b1), (2, b2), (3, b3)) as band(k, v)),
    probes as (
      select bands.phash, bands.k, bands.v # flip.bit as probe from bands
      cross join (select 0 as bit union all select 1 << g from generate_series(0, 15) as g) as flip)
    select distinct probes.phash::text as a, other.phash::text as b
    from probes join bands as other on other.k = probes.k and other.v = probes.probe and other.phash > probes.phash
    where bit_count((probes.phash # other.phash)::bit(64)) <= ${NEAR_DUPLICATE_DISTANCE}
    limit ${PAIR_LIMIT + 1}`);
  const parent = new Map<string, string>();
  const find = (hash: string): string => {
    let root = hash;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(hash, root);
    return root;
  };
  for (const pair of pairs.slice(0, PAIR_LIMIT)) parent.set(find(pair.a), find(pair.b));
  const byRoot = new Map<string, string[]>();
  for (const member of members) {
    const root = find(member.phash);
    const cluster = byRoot.get(root);
    if (cluster) cluster.push(member.id);
    else byRoot.set(root, [member.id]);
  }
  const clusters = [...byRoot.values()].filter((ids) => ids.length > 1).sort((a, b) => b.length - a.length);
  return {
    clusters: clusters.slice(0, CLUSTERS_SHOWN).map((ids) => ({
      size: ids.length,
      image_ids: ids.slice(0, CLUSTER_IDS),
    })),
    cluster_count: clusters.length,
    images_in_clusters: clusters.reduce((sum, ids) => sum + ids.length, 0),
    truncated: pairs.length > PAIR_LIMIT,
  };
}

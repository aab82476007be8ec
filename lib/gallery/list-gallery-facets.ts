import "server-only";
import { desc, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { runs } from "@/lib/db/schema";
import { listTags } from "@/lib/tags/list-tags";
import type { TagView } from "@/lib/tags/tag-input";

export type GalleryFacets = {
  models: string[];
  runs: { id: string; name: string }[];
  tags: TagView[];
  critics: string[];
};

const FACET_LIMIT = 200;

/** The choices the filter bar offers: models (a loose index scan, cheap however many images), recent runs, tags. */
export async function listGalleryFacets(db: Queryable): Promise<GalleryFacets> {
  const [models, runRows, tags, critics] = await Promise.all([
    // Models by their normalised key, so one model named three ways is one choice (images_model_key_created_at_idx).
    db.execute<{ model: string }>(sql`with recursive distinct_models as (
        (select model_key as model from images where model_key is not null order by model_key limit 1)
        union all
        select (select i.model_key from images i where i.model_key > d.model order by i.model_key limit 1)
        from distinct_models d where d.model is not null
      ) select model from distinct_models where model is not null limit ${FACET_LIMIT}`),
    db.select({ id: runs.id, name: runs.name }).from(runs).orderBy(desc(runs.createdAt)).limit(FACET_LIMIT),
    listTags(db),
    // Critics with current critiques, by the same loose index scan (critiques_critic_version_idx).
    db.execute<{ critic: string }>(sql`with recursive distinct_critics as (
        (select critic from critiques where is_current order by critic limit 1)
        union all
        select (select c.critic from critiques c where c.is_current and c.critic > d.critic order by c.critic limit 1)
        from distinct_critics d where d.critic is not null
      ) select critic from distinct_critics where critic is not null limit ${FACET_LIMIT}`),
  ]);
  return {
    models: models.map((row) => row.model),
    runs: runRows,
    tags,
    critics: critics.map((row) => row.critic),
  };
}

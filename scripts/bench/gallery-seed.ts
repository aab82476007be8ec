import { type SQL, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/lib/db/client";

const PROMPTS = [
  "a lighthouse at dusk",
  "a forest in fog",
  "portrait of an old sailor",
  "city street at night, rain",
  "mountain lake at sunrise",
];

/** A quarter approved, a quarter rejected, the rest unreviewed, by a hash of `seed`. */
const reviewStatusBy = (seed: SQL) => sql`case abs(hashtext(${seed})) % 4 when 0 then 'approved'
  when 1 then 'rejected' else 'unreviewed' end`;

/**
 * `count` image rows in one statement, spread over the last ~`count` minutes: 20 models, five prompt themes
 * (one in five mentions a lighthouse, independent of the model), a LoRA on one in seven, a score on one in three, a
 * quarter approved and a quarter rejected by a hash (set here: updating a million rows later costs a rewrite); each with thumb and
 * preview variant rows. model_key and the LoRA key are filled as ingest fills them (lib/metadata/model-key.ts), or
 * the model filter, which matches the key, would find none of these rows. Placeholders are copied from a real image so rows weigh what real ones do.
 */
export async function seedGalleryRows(db: Database, count: number): Promise<void> {
  await bulkLoad(db, ["images", "image_variants"], async (tx) => {
    await tx.execute(sql`
    insert into images (sha256, bucket, object_key, content_type, byte_size, width, height, placeholder, source,
      prompt, negative_prompt, seed, model, model_key, loras, score_avg, review_status, created_at)
    select encode(sha256(('bench-' || g)::bytea), 'hex'), 'lightbox',
      'originals/bench/' || g || '.png', 'image/png', 400000, 512, 512,
      (select placeholder from images where placeholder is not null limit 1), 'api',
      (${sql.raw(`array[${PROMPTS.map((p) => `'${p}'`).join(", ")}]`)})[1 + (g / 20) % 5] || ', detail ' || md5(g::text),
      'blurry, lowres', g, 'model-' || (g % 20), 'model-' || (g % 20),
      case when g % 7 = 0 then '[{"name": "film_grain", "key": "film_grain", "weight": 0.7}]'::jsonb else '[]'::jsonb end,
      case when g % 3 = 0 then 1 + (g % 5) else null end,
      ${reviewStatusBy(sql`'bench-' || g`)},
      now() - make_interval(secs => g * 0.6)
    from generate_series(1, ${count}) as g`);
    await tx.execute(sql`
    insert into image_variants (image_id, name, object_key, content_type, width, height, byte_size)
    select id, variant.name, 'variants/' || sha256 || '/' || variant.name || '.webp', 'image/webp', variant.edge,
      variant.edge, 20000
    from images cross join (values ('thumb', 384), ('preview', 1536)) as variant(name, edge)
    where object_key like 'originals/bench/%'`);
  });
  await db.execute(sql`analyze images`);
  await db.execute(sql`analyze image_variants`);
}

export const BENCH_CRITICS = ["aesthetic", "sharpness", "adherence"] as const;

/**
 * Human consensus on the ingested images as on the seeded ones, and three critics per image: each critic scores every
 * image (0–1, spread by a hash), so about half the decided images disagree with each critic. The critiques are one
 * bulk insert; their gaps (critic_gaps) are then computed once by refresh_critic_gaps, the function the critiques
 * trigger runs after a critic's post.
 */
export async function seedCritiques(db: Database): Promise<void> {
  await db.execute(sql`update images set review_status = ${reviewStatusBy(sql`id::text`)}
    where object_key not like 'originals/bench/%'`);
  await bulkLoad(db, ["critiques"], async (tx) => {
    await tx.execute(sql`
    insert into critiques (image_id, critic, critic_version, score, scale, score_normalized)
    select images.id, critic, '1.0', score, '0-1', score
    from images cross join unnest(${sql.raw(`array[${BENCH_CRITICS.map((c) => `'${c}'`).join(", ")}]`)}) as critic
      cross join lateral (select (abs(hashtext(images.id::text || critic)) % 1000) / 999.0 as score) as scored`);
    await tx.execute(sql`select refresh_critic_gaps(array(select id from images))`);
  });
  await db.execute(sql`analyze images`);
  await db.execute(sql`analyze critiques`);
  await db.execute(sql`analyze critic_gaps`);
}

/**
 * A bulk load as a restore does it, in one transaction: without the triggers (foreign-key checks included: the rows
 * are consistent by construction) and without the tables' secondary indexes, which are built again afterwards from
 * their own definitions (a sorted build, many times faster than a million index inserts). The seeding of a
 * million images takes minutes instead of a quarter of an hour on a busy machine.
 */
async function bulkLoad(
  db: Database,
  tables: string[],
  load: (tx: Transaction) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    const indexes = await tx.execute<{ name: string; definition: string }>(sql`
      select index.relname as name, pg_get_indexdef(index.oid) as definition
      from pg_index join pg_class as index on index.oid = pg_index.indexrelid
        join pg_class as tab on tab.oid = pg_index.indrelid
      where tab.relname in ${tables} and tab.relnamespace = 'public'::regnamespace
        and not exists (select 1 from pg_constraint where pg_constraint.conindid = index.oid)`);
    for (const { name } of indexes) await tx.execute(sql`drop index ${sql.identifier(name)}`);
    await load(tx);
    for (const { definition } of indexes) await tx.execute(sql.raw(definition));
  });
}

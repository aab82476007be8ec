import "server-only";
import { sql } from "drizzle-orm";
import type { Database, Transaction } from "@/lib/db/client";
import { tagKey } from "./tag-key";

type TagRow = {
  id: string;
  name: string;
  folded_name: string;
  kind: string;
  color: string | null;
  hotkey: string | null;
};

/**
 * Sets every tag's folded_name to tagKey(name) and merges tags whose keys now meet (an NFC and an NFD "café", keys
 * a migration computed in SQL): the survivor (a reason tag before a label, then the oldest) takes over the
 * losers' images, review reasons, review history and, where it has none, their colour and hotkey. Runs after
 * every migration (lib/setup/migrate-database.ts), holding the tags table against writes; with nothing to change it writes
 * nothing, so keys also follow a future Unicode version's case mappings. Returns how many tags were merged away
 * and how many keys changed. A database migrated only to before 0015 (a test's partial folder) has no keys yet.
 */
export async function refoldTagNames(db: Database): Promise<{ merged: number; refolded: number }> {
  const [column] = await db.execute(sql`select 1 from information_schema.columns
    where table_schema = current_schema() and table_name = 'tags' and column_name = 'folded_name'`);
  if (!column) return { merged: 0, refolded: 0 };
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table tags in exclusive mode`);
    const rows = await tx.execute<TagRow>(
      sql`select id, name, folded_name, kind, color, hotkey from tags
        order by (kind = 'label'), created_at, id`,
    );
    const byKey = new Map<string, TagRow[]>();
    for (const row of rows) byKey.set(tagKey(row.name), [...(byKey.get(tagKey(row.name)) ?? []), row]);
    let merged = 0;
    const stale: { id: string; key: string }[] = [];
    for (const [key, [survivor, ...losers]] of byKey) {
      if (!survivor) continue;
      for (const loser of losers) await mergeTag(tx, survivor, loser);
      merged += losers.length;
      if (survivor.folded_name !== key) stale.push({ id: survivor.id, key });
    }
    // Two steps, so a key moving onto one another row still holds (before that row moves on) never collides.
    for (const { id } of stale)
      await tx.execute(sql`update tags set folded_name = ${`refold ${id}`} where id = ${id}`);
    for (const { id, key } of stale)
      await tx.execute(sql`update tags set folded_name = ${key} where id = ${id}`);
    return { merged, refolded: stale.length };
  });
}

async function mergeTag(tx: Transaction, survivor: TagRow, loser: TagRow): Promise<void> {
  await tx.execute(sql`insert into image_tags (image_id, tag_id, added_by, created_at)
    select image_id, ${survivor.id}, added_by, created_at from image_tags where tag_id = ${loser.id}
    on conflict do nothing`);
  await tx.execute(sql`insert into review_reasons (review_id, tag_id, created_at)
    select review_id, ${survivor.id}, created_at from review_reasons where tag_id = ${loser.id}
    on conflict do nothing`);
  // The audit trail names tags by id; undo restores the reasons an event lists.
  await tx.execute(sql`update review_events set tag_ids = (
      select coalesce(jsonb_agg(distinct case when id = ${loser.id} then ${survivor.id} else id end), '[]'::jsonb)
      from jsonb_array_elements_text(tag_ids) as ids(id))
    where tag_ids ? ${loser.id}`);
  await tx.execute(sql`delete from tags where id = ${loser.id}`);
  await tx.execute(sql`update tags set color = coalesce(color, ${loser.color}),
      hotkey = coalesce(hotkey, ${loser.hotkey}) where id = ${survivor.id}`);
  survivor.color ??= loser.color;
  survivor.hotkey ??= loser.hotkey;
}

import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { critiques } from "@/lib/db/schema";
import { type CritiqueFields, normalizeScore } from "./critique-input";
import type { CritiqueRow } from "./critique-record";

export type CritiqueToRecord = CritiqueFields & { imageId: string };

/**
 * Stores critiques in one transaction: each replaces the current critique of its (image, critic, version), which
 * stays as history. Concurrent posts for one image are serialised by the image's row lock, taken for the whole
 * batch before its first write and in id order (lock_critic_gap_images, in the critic_gap_triggers migration), so
 * two batches cannot deadlock and the critic_gaps triggers after each write find their locks already held; the
 * partial unique index critiques_current_key is the backstop. Items must name distinct identities (the caller
 * refuses repeats).
 */
export async function recordCritiques(
  db: Database,
  apiKeyId: string | null,
  items: CritiqueToRecord[],
): Promise<CritiqueRow[]> {
  if (items.length === 0) return [];
  return db.transaction(async (tx) => {
    const imageIds = [...new Set(items.map((item) => item.imageId))].map((id) => sql`${id}`);
    await tx.execute(sql`select lock_critic_gap_images(array[${sql.join(imageIds, sql`, `)}]::uuid[])`);
    const matches: SQL[] = items.map(
      (item) =>
        and(
          eq(critiques.imageId, item.imageId),
          eq(critiques.critic, item.critic),
          eq(critiques.criticVersion, item.critic_version),
        ) as SQL,
    );
    await tx
      .update(critiques)
      .set({ isCurrent: false, supersededAt: sql`now()` })
      .where(and(eq(critiques.isCurrent, true), sql`(${sql.join(matches, sql` or `)})`));
    return tx
      .insert(critiques)
      .values(
        items.map((item) => ({
          imageId: item.imageId,
          critic: item.critic,
          criticVersion: item.critic_version,
          score: item.score,
          scale: item.scale,
          scoreNormalized: normalizeScore(item.score, item.scale),
          decision: item.decision ?? null,
          reasons: item.reasons,
          raw: item.raw,
          apiKeyId,
        })),
      )
      .returning();
  });
}

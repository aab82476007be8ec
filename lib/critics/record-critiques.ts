import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { critiques } from "@/db/schema";
import { type CritiqueFields, normalizeScore } from "./critique-input";
import type { CritiqueRow } from "./critique-record";

export type CritiqueToRecord = CritiqueFields & { imageId: string };

const identityOf = (item: CritiqueToRecord) =>
  `critique:${item.imageId}:${item.critic}:${item.critic_version}`;

/**
 * Stores critiques in one transaction: each replaces the current critique of its (image, critic, version), which
 * stays as history. Concurrent posts for one identity are serialised by an advisory lock taken in sorted order
 * (so two batches cannot deadlock); the partial unique index critiques_current_key is the backstop.
 * Items must name distinct identities (the caller refuses repeats).
 */
export async function recordCritiques(
  db: Database,
  apiKeyId: string | null,
  items: CritiqueToRecord[],
): Promise<CritiqueRow[]> {
  if (items.length === 0) return [];
  return db.transaction(async (tx) => {
    const identities = [...new Set(items.map(identityOf))].sort();
    const list = sql.join(
      identities.map((identity) => sql`${identity}`),
      sql`, `,
    );
    // The subquery sorts first; the volatile lock function is evaluated after the sort, in that order.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(identity, 0))
      from (select identity from unnest(array[${list}]::text[]) as identity order by identity) as sorted`);
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

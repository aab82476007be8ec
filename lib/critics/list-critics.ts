import "server-only";
import { asc, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { criticSettings, critiques } from "@/lib/db/schema";
import { DEFAULT_APPROVE_THRESHOLD } from "./disagreement";

export type CriticSummary = {
  critic: string;
  versions: { version: string; current: number; latestAt: string }[];
  approveThreshold: number;
  hasOwnThreshold: boolean;
};

/** Every critic that has scored something (or has a threshold), with its versions and current-critique counts. */
export async function listCritics(db: Queryable): Promise<CriticSummary[]> {
  const [versionRows, settingRows] = await Promise.all([
    db
      .select({
        critic: critiques.critic,
        version: critiques.criticVersion,
        current: sql<number>`count(*) filter (where ${critiques.isCurrent})::int`,
        latestAt: sql<string>`max(${critiques.createdAt})`,
      })
      .from(critiques)
      .groupBy(critiques.critic, critiques.criticVersion)
      .orderBy(asc(critiques.critic), sql`max(${critiques.createdAt}) desc`),
    db.select().from(criticSettings),
  ]);
  const thresholds = new Map(settingRows.map((row) => [row.critic, row.approveThreshold]));
  const names = [...new Set([...versionRows.map((row) => row.critic), ...thresholds.keys()])].sort();
  return names.map((critic) => ({
    critic,
    versions: versionRows
      .filter((row) => row.critic === critic)
      .map((row) => ({
        version: row.version,
        current: row.current,
        latestAt: new Date(row.latestAt).toISOString(),
      })),
    approveThreshold: thresholds.get(critic) ?? DEFAULT_APPROVE_THRESHOLD,
    hasOwnThreshold: thresholds.has(critic),
  }));
}

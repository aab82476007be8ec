import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { exportBuildParts, exportBuilds } from "@/lib/db/schema";
import type { CompletedPart } from "@/lib/storage/multipart";

type BuildRow = typeof exportBuilds.$inferSelect;
/** A build as far as it got: its upload, the parts stored in order from 1, and the CRCs those parts finished. */
export type BuildProgress = { build: BuildRow; parts: CompletedPart[]; crcs: number[] };

export async function findBuildProgress(
  db: Queryable,
  manifestSha256: string,
): Promise<BuildProgress | null> {
  const [build] = await db.select().from(exportBuilds).where(eq(exportBuilds.manifestSha256, manifestSha256));
  if (!build) return null;
  const rows = await db
    .select()
    .from(exportBuildParts)
    .where(eq(exportBuildParts.manifestSha256, manifestSha256))
    .orderBy(asc(exportBuildParts.partNumber));
  const parts: CompletedPart[] = [];
  const crcs: number[] = [];
  // Parts are recorded in order, so this is every row; a gap would mean a row lost, and the build resumes there.
  for (const row of rows) {
    if (row.partNumber !== parts.length + 1) break;
    parts.push({ partNumber: row.partNumber, etag: row.etag });
    crcs.push(...row.crcs);
  }
  return { build, parts, crcs };
}

/**
 * A build's row and how many parts it has stored, without reading the parts' CRCs: for an answer that only
 * reports progress (every poll of a client waiting on another request's build) or a build given up.
 */
export async function findBuildSummary(
  db: Queryable,
  manifestSha256: string,
): Promise<{ build: BuildRow; storedParts: number } | null> {
  const [row] = await db
    .select({
      build: exportBuilds,
      storedParts: sql<number>`(select count(*)::int from ${exportBuildParts}
        where ${exportBuildParts.manifestSha256} = ${exportBuilds.manifestSha256})`,
    })
    .from(exportBuilds)
    .where(eq(exportBuilds.manifestSha256, manifestSha256));
  return row ?? null;
}

export async function recordBuild(
  db: Queryable,
  build: Pick<BuildRow, "manifestSha256" | "objectKey" | "uploadId" | "partBytes" | "totalBytes">,
): Promise<BuildProgress> {
  const [row] = await db.insert(exportBuilds).values(build).returning();
  if (!row) throw new Error("export build insert returned no row");
  return { build: row, parts: [], crcs: [] };
}

/** A stored part, with the CRCs of the entries it finished; a part stored again (a retry) replaces its row. */
export async function recordPart(
  db: Queryable,
  manifestSha256: string,
  part: CompletedPart & { crcs: number[] },
): Promise<void> {
  await db
    .insert(exportBuildParts)
    .values({ manifestSha256, partNumber: part.partNumber, etag: part.etag, crcs: part.crcs })
    .onConflictDoUpdate({
      target: [exportBuildParts.manifestSha256, exportBuildParts.partNumber],
      set: { etag: part.etag, crcs: part.crcs },
    });
}

/** Forgets a build (done, or given up): its part rows go with it. */
export async function forgetBuild(db: Queryable, manifestSha256: string): Promise<void> {
  await db.delete(exportBuilds).where(eq(exportBuilds.manifestSha256, manifestSha256));
}

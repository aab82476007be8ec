import "server-only";
import postgres from "postgres";
import { err, ok, type Result } from "@/lib/result";
import { migrateDatabase } from "@/lib/setup/migrate-database";
import { ensureBucket } from "@/lib/storage/s3-client";
import type { Storage } from "@/lib/storage/storage";
import { readManifest } from "./backup-manifest";
import { checkRestoreTarget } from "./check-restore-target";
import { loadDatabase } from "./load-database";
import { restoreObjects } from "./restore-objects";
import { verifyBackupFiles } from "./verify-backup-files";

export type RestoreSummary = { tables: number; rows: number; objects: number; bytesCompared: number };

/**
 * Restores a backup folder into an EMPTY stack: verifies every file's sha256, refuses a database or
 * bucket that holds anything, creates the schema with this app's migrations (which must be the ones the
 * backup was taken with), loads the rows, then uploads the objects and reads each one back.
 */
export async function restoreBackup(
  deps: { databaseUrl: string; storage: Storage },
  dir: string,
): Promise<Result<RestoreSummary>> {
  const manifest = await readManifest(dir);
  if (!manifest) return err("not_found", `${dir} holds no manifest.json: not a backup folder`);
  const damaged = await verifyBackupFiles(dir, manifest);
  if (damaged.length > 0) return err("conflict", `The backup is damaged: ${damaged.join("; ")}`);

  await ensureBucket(deps.storage);
  const sql = postgres(deps.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const occupied = await checkRestoreTarget(sql, deps.storage);
    if (occupied.length > 0) return err("conflict", `Refusing to restore: ${occupied.join("; ")}`);
    await migrateDatabase(deps.databaseUrl);
    const applied = await sql<{ hash: string }[]>`
      select hash from drizzle.__drizzle_migrations order by created_at, id`;
    if (applied.map((row) => row.hash).join() !== manifest.migrations.join()) {
      return err(
        "conflict",
        `The backup was taken at ${manifest.migrations.length} migrations and this app has ${applied.length} (or different ones): restore with the app version that took it, then deploy the new one`,
      );
    }
    await loadDatabase(sql, dir, manifest);
  } finally {
    await sql.end({ timeout: 5 });
  }
  const restored = await restoreObjects(deps.storage, dir, manifest);
  return ok({
    tables: manifest.tables.length,
    rows: manifest.tables.reduce((sum, table) => sum + table.rows, 0),
    ...restored,
  });
}

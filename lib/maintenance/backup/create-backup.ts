import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Storage } from "@/lib/storage/storage";
import { newManifest, readManifest, writeManifest } from "./backup-manifest";
import { copyObjects } from "./copy-objects";
import { dumpDatabase } from "./dump-database";

export type BackupSummary = {
  tables: number;
  rows: number;
  objects: number;
  objectBytes: number;
  copied: number;
  reused: number;
  copiedBytes: number;
  missingObjects: string[];
  /** Where the pg_dump archive of the same snapshot is, or why there is none. */
  pgDump: string;
};

/**
 * A consistent backup into `dir`: the database as of one snapshot (db-<id>/*.copy), the bucket objects
 * those rows name (objects/<key>), and manifest.json with every file's sha256. Run it again on the same
 * folder and only objects not already there are copied; the new dump replaces the old one only once the
 * new manifest is in place, so a run cut short leaves the previous backup whole.
 */
export async function createBackup(
  deps: { databaseUrl: string; storage: Storage },
  dir: string,
): Promise<BackupSummary> {
  await mkdir(dir, { recursive: true });
  const previous = await readManifest(dir);
  const dumpDir = `db-${Date.now()}-${randomBytes(3).toString("hex")}`;
  let completed = false;
  try {
    const dump = await dumpDatabase(deps.databaseUrl, dir, dumpDir);
    const copied = await copyObjects(deps.storage, dir, dump.objectKeys, previous?.objects ?? {});
    const { tables } = dump;
    await writeManifest(
      dir,
      newManifest({
        migrations: dump.migrations,
        tables,
        sequences: dump.sequences,
        pgDump: dump.pgDump,
        objects: copied.objects,
        missingObjects: copied.missing,
      }),
    );
    completed = true;
    await removeOtherDumps(dir, dumpDir);
    const stored = Object.values(copied.objects);
    return {
      tables: tables.length,
      rows: tables.reduce((sum, table) => sum + table.rows, 0),
      objects: stored.length,
      objectBytes: stored.reduce((sum, object) => sum + object.bytes, 0),
      copied: copied.copied,
      reused: copied.reused,
      copiedBytes: copied.copiedBytes,
      missingObjects: copied.missing,
      pgDump:
        dump.pgDump && "file" in dump.pgDump
          ? `${dump.pgDump.file} (${dump.pgDump.version})`
          : `none: ${dump.pgDump?.skipped}`,
    };
  } finally {
    if (!completed) await rm(path.join(dir, dumpDir), { recursive: true, force: true });
  }
}

async function removeOtherDumps(dir: string, keep: string): Promise<void> {
  for (const entry of await readdir(dir)) {
    if (/^db-\d+-[0-9a-f]+$/.test(entry) && entry !== keep) {
      await rm(path.join(dir, entry), { recursive: true, force: true });
    }
  }
}

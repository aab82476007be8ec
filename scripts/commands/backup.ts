// `backup <dir>` / `restore <dir>`: a consistent snapshot of the database and the objects it names.
import path from "node:path";
import { parseArgs } from "node:util";
import { createBackup } from "@/lib/maintenance/backup/create-backup";
import { restoreBackup } from "@/lib/maintenance/backup/restore-backup";
import { closeStorage, createStorage } from "@/lib/storage/storage";
import { loadCliConfig } from "./cli-config";

export const BACKUP_USAGE =
  "backup <dir>               dump the database (one snapshot) + the objects its rows name; again = incremental";
export const RESTORE_USAGE =
  "restore <dir>              restore a backup into an EMPTY database and bucket, verifying every sha256";

export async function runBackup(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [dir] = positionals;
  if (!dir || positionals.length > 1) return usage(BACKUP_USAGE);
  const config = await loadCliConfig();
  const storage = createStorage(config);
  try {
    const summary = await createBackup({ databaseUrl: config.database.url, storage }, path.resolve(dir));
    console.log(
      `Backed up ${summary.tables} tables (${summary.rows} rows) and ${summary.objects} objects (${summary.objectBytes} bytes) to ${dir}: copied ${summary.copied} new objects (${summary.copiedBytes} bytes), reused ${summary.reused}. pg_dump archive: ${summary.pgDump}.`,
    );
    if (summary.missingObjects.length === 0) return 0;
    console.error(`${summary.missingObjects.length} object(s) the rows name are not in the bucket:`);
    for (const key of summary.missingObjects.slice(0, 20)) console.error(`  ${key}`);
    console.error("Run `npm run cli -- doctor` to see why; the backup holds everything else.");
    return 1;
  } finally {
    closeStorage(storage);
  }
}

export async function runRestore(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [dir] = positionals;
  if (!dir || positionals.length > 1) return usage(RESTORE_USAGE);
  const config = await loadCliConfig();
  const storage = createStorage(config);
  try {
    const result = await restoreBackup({ databaseUrl: config.database.url, storage }, path.resolve(dir));
    if (!result.ok) {
      console.error(result.error.message);
      return 1;
    }
    const { tables, rows, objects, bytesCompared } = result.value;
    console.log(
      `Restored ${tables} tables (${rows} rows) and ${objects} objects (${bytesCompared} bytes read back and compared by sha256). Next: npm run cli -- doctor --verify-checksums`,
    );
    return 0;
  } finally {
    closeStorage(storage);
  }
}

function usage(line: string): number {
  console.error(`usage: npm run cli -- ${line}`);
  return 2;
}

import "server-only";
import type postgres from "postgres";
import { listObjects } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";
import { listTables, quoteIdentifier } from "./list-tables";

/**
 * Rows the migrations themselves insert (0005 seeds the review_settings singleton): a freshly migrated
 * database holds them, so they do not make it "non-empty"; restore replaces them with the backup's.
 */
export const MIGRATION_SEEDED_TABLES = ["review_settings"];

/** Why the target cannot take a restore (tables with rows, objects in the bucket), or [] when empty. */
export async function checkRestoreTarget(sql: postgres.Sql, storage: Storage): Promise<string[]> {
  const problems: string[] = [];
  const filled: string[] = [];
  for (const table of await listTables(sql)) {
    if (MIGRATION_SEEDED_TABLES.includes(table.name)) continue;
    const [row] = await sql.unsafe<{ filled: boolean }[]>(
      `select exists (select 1 from ${quoteIdentifier(table.name)}) as filled`,
    );
    if (row?.filled) filled.push(table.name);
  }
  if (filled.length > 0) {
    problems.push(
      `the database is not empty (rows in ${filled.join(", ")}): restore only into a new database`,
    );
  }
  for await (const object of listObjects(storage, "", { pageSize: 1 })) {
    problems.push(
      `the bucket ${storage.bucket} is not empty (holds ${object.key}): restore only into a new bucket`,
    );
    break;
  }
  return problems;
}

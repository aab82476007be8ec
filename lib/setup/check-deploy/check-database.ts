import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import { MIGRATIONS_FOLDER } from "@/lib/setup/migrate-database";
import { type DeployCheck, fail, pass } from "./deploy-check";

type Journal = { entries: { tag: string; when: number }[] };

/** Reachable, and exactly the migrations of this build applied (drizzle records each one's `when`). */
export async function checkDatabase(databaseUrl: string): Promise<DeployCheck[]> {
  const journal = JSON.parse(
    await readFile(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"),
  ) as Journal;
  // No prepared statements: the URL may point at a transaction-mode pooler.
  const sql = postgres(databaseUrl, { max: 1, prepare: false, connect_timeout: 10, onnotice: () => {} });
  try {
    const [server] = await sql<{ version: string }[]>`select current_setting('server_version') as version`;
    const reachable = pass("database reachable", `Postgres ${server?.version ?? "?"}`);
    const [table] = await sql<{ exists: boolean }[]>`
      select to_regclass('drizzle.__drizzle_migrations') is not null as exists`;
    if (!table?.exists) {
      return [reachable, fail("database migrated", "no migrations applied: run `npm run migrate`")];
    }
    const applied = await sql<
      { when: string }[]
    >`select created_at::text as when from drizzle.__drizzle_migrations`;
    const appliedAt = new Set(applied.map((row) => row.when));
    const known = new Set(journal.entries.map((entry) => String(entry.when)));
    const missing = journal.entries.filter((entry) => !appliedAt.has(String(entry.when)));
    const unknown = applied.filter((row) => !known.has(row.when));
    if (missing.length > 0) {
      return [
        reachable,
        fail(
          "database migrated",
          `${missing.length} not applied: ${missing.map((entry) => entry.tag).join(", ")} (run \`npm run migrate\`)`,
        ),
      ];
    }
    if (unknown.length > 0) {
      return [
        reachable,
        fail(
          "database migrated",
          `${unknown.length} applied migration(s) this build does not know: a newer version migrated it`,
        ),
      ];
    }
    return [reachable, pass("database migrated", `all ${journal.entries.length} migrations applied`)];
  } catch (error) {
    return [fail("database reachable", error instanceof Error ? error.message : String(error))];
  } finally {
    await sql.end({ timeout: 5 });
  }
}

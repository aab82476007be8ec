import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { Database } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import { installJobQueue } from "@/lib/jobs/install-job-queue";
import { refoldTagNames } from "@/lib/tags/refold-tag-names";

export const MIGRATIONS_FOLDER = path.resolve(import.meta.dirname, "../db/migrations");

// Any constant works; it only has to be the same for every process that migrates this database.
const MIGRATION_LOCK_ID = 7_140_001;

/**
 * Applies the committed drizzle-kit migrations, then the data step SQL cannot do (tag keys are folded in
 * JavaScript: lib/tags/refold-tag-names.ts), then installs the job queue's schema and queues (pg-boss). Holds an
 * advisory lock so several instances starting at once (serverless cold starts, docker replicas, a worker beside its
 * app) migrate one after another instead of racing.
 */
export async function migrateDatabase(url: string, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(drizzle(client), { migrationsFolder });
    await refoldTagNames(drizzle(client, { schema, casing: "snake_case" }) as Database);
    await installJobQueue(url);
  } finally {
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.catch(() => {});
    await client.end({ timeout: 5 });
  }
}

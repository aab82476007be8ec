import "server-only";
import { createDatabase, type Database } from "@/db/client";
import { getConfig } from "@/lib/config";

let database: Database | undefined;

/** The process-wide pool, sized by DATABASE_POOL_MAX (keep it small on serverless: one pool per instance). */
export function getDb(): Database {
  if (!database) {
    const { database: settings } = getConfig();
    database = createDatabase(settings);
  }
  return database;
}

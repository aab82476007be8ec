import "server-only";
import { getConfig } from "@/lib/config";
import { createDatabase, type Database } from "@/lib/db/client";
import { fenceTransactions } from "@/lib/db/request-fence";

let database: Database | undefined;

/** The process-wide pool, sized by DATABASE_POOL_MAX (keep it small on serverless: one pool per instance). */
export function getDb(): Database {
  if (!database) {
    const { database: settings } = getConfig();
    // Every transaction a request opens re-checks the request's credential first (lib/db/request-fence.ts).
    database = fenceTransactions(createDatabase(settings));
  }
  return database;
}

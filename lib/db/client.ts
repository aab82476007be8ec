import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** What queries take as their first argument: the pool or an open transaction. */
export type Queryable = Database | Transaction;

export type DatabaseOptions = {
  url: string;
  poolMax: number;
  /** false for transaction-mode poolers (PgBouncer, Supavisor), which cannot keep prepared statements */
  preparedStatements: boolean;
  connectTimeoutSeconds?: number;
};

export function createDatabase(options: DatabaseOptions): Database {
  const client = postgres(options.url, {
    max: options.poolMax,
    prepare: options.preparedStatements,
    connect_timeout: options.connectTimeoutSeconds ?? 10,
    idle_timeout: 20,
    onnotice: () => {},
  });
  return drizzle(client, { schema, casing: "snake_case" });
}

export async function closeDatabase(db: Database): Promise<void> {
  await db.$client.end({ timeout: 5 });
}

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
    // Prepared, a statement is still planned for each execution's own values, as an unnamed one was: after five
    // executions Postgres may otherwise switch to one generic plan, which a filter or cursor it does not suit pays
    // for. What preparing saves is the round trip and the parse (below).
    ...(options.preparedStatements ? { connection: { plan_cache_mode: "force_custom_plan" } } : {}),
  });
  return drizzle(options.preparedStatements ? preparingEveryStatement(client) : client, {
    schema,
    casing: "snake_case",
  });
}

/**
 * Drizzle's postgres-js driver asks for a prepared statement only for a query given a name (`.prepare("…")`) and
 * sends every other one unnamed, and postgres.js sends an unnamed query with parameters in two round trips: Parse
 * and Describe, then, once the parameters' types are back, Bind and Execute. A prepared statement is kept per
 * connection (until it closes: idle for 20 s, or its lifetime's end), and its later uses go in one round trip: Bind
 * and Execute. So the client drizzle is handed prepares every statement, in transactions and savepoints too. Only
 * with prepared statements on: a transaction-mode pooler cannot keep them (DATABASE_PREPARED_STATEMENTS=false).
 */
function preparingEveryStatement<Client extends postgres.Sql | postgres.TransactionSql>(
  client: Client,
): Client {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe")
        return (query: string, parameters?: postgres.ParameterOrJSON<never>[], queryOptions?: object) =>
          target.unsafe(query, parameters, { ...queryOptions, prepare: true });
      if (property === "begin" || property === "savepoint")
        return (...args: unknown[]) => {
          const work = args.at(-1) as (transaction: postgres.TransactionSql) => unknown;
          const method = Reflect.get(target, property) as (...methodArgs: unknown[]) => unknown;
          return method(...args.slice(0, -1), (transaction: postgres.TransactionSql) =>
            work(preparingEveryStatement(transaction)),
          );
        };
      return Reflect.get(target, property, receiver);
    },
  });
}

export async function closeDatabase(db: Database): Promise<void> {
  await db.$client.end({ timeout: 5 });
}

import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Queryable } from "@/lib/db/client";

/**
 * pg-boss's database interface over our own connection: the pool, or a transaction, so a job is inserted in the
 * transaction that writes the row it is about and commits (or rolls back) with it. pg-boss writes `$n`
 * placeholders; each becomes a bound parameter of one drizzle statement (`undefined`, which the driver refuses,
 * becomes null). Only the single statements a producer sends go through here (insert a job, count a queue); the
 * worker's multi-statement maintenance runs on pg-boss's own pool (lib/jobs/job-worker.ts). Values go as node-postgres
 * (pg-boss's own driver) sends them, typed by the SQL's casts: objects as JSON text, arrays as array literals.
 */
export function bossDatabase(db: Queryable): PgBoss.Db {
  return {
    async executeSql(text, values = []) {
      const rows = await db.execute(bindPlaceholders(text, values));
      return { rows: [...rows] };
    },
  };
}

function bindPlaceholders(text: string, values: unknown[]): SQL {
  // split with a capture group: even entries are SQL text, odd ones the number after a `$`.
  const parts = text.split(/\$(\d+)/);
  return sql.join(
    parts.map((part, index) =>
      index % 2 === 0 ? sql.raw(part) : sql.param(asPgValue(values[Number(part) - 1])),
    ),
  );
}

function asPgValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.map((item) => JSON.stringify(String(item))).join(",")}}`;
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

import { type SQL, sql } from "drizzle-orm";
import { type AnyPgColumn, check, customType, timestamp } from "drizzle-orm/pg-core";

export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

export const lifecycleDates = { createdAt: createdAt(), updatedAt: updatedAt() };

export const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * A `real` (float4) column that stores the nearest float4 of what it is given. Postgres refuses a double float4
 * cannot hold instead of rounding it: a critique score of 5e-324 (inside 0–1) was "out of range for type real".
 */
export const float4 = customType<{ data: number; driverData: number }>({
  dataType: () => "real",
  toDriver: (value) => Math.fround(value),
});

/** `'a', 'b'`: an enumeration's values as SQL string literals, so its constraint and its TS type share one array. */
export function sqlLiterals(values: readonly string[]): SQL {
  return sql.raw(values.map((value) => `'${value.replaceAll("'", "''")}'`).join(", "));
}

/** The CHECK constraint `<column> in ('a', 'b')` for a column holding one of an enumeration's values. */
export function checkOneOf(name: string, column: AnyPgColumn, values: readonly string[]) {
  return check(name, sql`${column} in (${sqlLiterals(values)})`);
}

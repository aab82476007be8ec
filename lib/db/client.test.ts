import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestContext } from "@/lib/testing/test-context";
import { closeDatabase, createDatabase, type Queryable } from "./client";

const { config } = await createTestContext();

/** The statements the connection keeps prepared (pg_prepared_statements is the session's own), and how it plans. */
async function preparedOnConnection(db: Queryable) {
  const [row] = await db.execute<{ statements: number; planning: string }>(
    sql`select count(*)::int as statements, current_setting('plan_cache_mode') as planning
        from pg_prepared_statements where statement like 'select $1::int as %'`,
  );
  return row;
}

describe("the app's database client", () => {
  it("prepares every statement, in transactions and savepoints too, each still planned for its own values", async () => {
    // One connection, so every statement below runs on the session that is asked.
    const db = createDatabase({ url: config.database.url, poolMax: 1, preparedStatements: true });
    try {
      const inTransaction = await db.transaction(async (tx) => {
        await tx.execute(sql`select ${1}::int as one`);
        await tx.transaction(async (savepoint) => {
          await savepoint.execute(sql`select ${2}::int as two`);
        });
        return preparedOnConnection(tx);
      });
      expect(inTransaction).toEqual({ statements: 2, planning: "force_custom_plan" });
      await db.execute(sql`select ${3}::int as three`);
      await db.execute(sql`select ${3}::int as three`);
      expect(await preparedOnConnection(db)).toEqual({ statements: 3, planning: "force_custom_plan" });
    } finally {
      await closeDatabase(db);
    }
  });

  it("prepares nothing with prepared statements off, as a transaction-mode pooler needs", async () => {
    const db = createDatabase({ url: config.database.url, poolMax: 1, preparedStatements: false });
    try {
      await db.execute(sql`select ${1}::int as one`);
      expect(await preparedOnConnection(db)).toEqual({ statements: 0, planning: "auto" });
    } finally {
      await closeDatabase(db);
    }
  });
});

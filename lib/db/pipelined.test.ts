import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestContext } from "@/lib/testing/test-context";
import { pipelined } from "./pipelined";

const { db } = await createTestContext();

describe("pipelined", () => {
  it("runs the statements in the order they are handed over, each seeing the ones before it", async () => {
    const order = await db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table pipeline_steps (step int) on commit drop`);
      const [first, second, third, fourth] = await pipelined(
        tx.execute<{ n: number }>(
          sql`insert into pipeline_steps values (1) returning (select count(*)::int from pipeline_steps) as n`,
        ),
        tx
          .select({ n: sql<number>`(select count(*)::int from pipeline_steps)` })
          .from(sql`(select 1) as one`),
        tx.execute<{ n: number }>(
          sql`insert into pipeline_steps values (3) returning (select count(*)::int from pipeline_steps) as n`,
        ),
        tx.execute<{ n: number }>(sql`select count(*)::int as n from pipeline_steps`),
      );
      return [first[0]?.n, second[0]?.n, third[0]?.n, fourth[0]?.n];
    });
    // An INSERT's own subquery does not see its row; the statements after it do.
    expect(order).toEqual([0, 1, 1, 2]);
  });

  it("rejects with the first failure, not with the aborted transaction's later ones", async () => {
    const attempt = db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table pipeline_failure (step int not null)`);
      await pipelined(
        tx.execute(sql`insert into pipeline_failure values (1)`),
        tx.execute(sql`insert into pipeline_failure values (null)`),
        tx.execute(sql`insert into pipeline_failure values (3)`),
      );
    });
    // 23502: the not-null violation itself; the third statement failed after it with 25P02 (transaction aborted).
    await expect(attempt).rejects.toMatchObject({ cause: { code: "23502" } });
  });
});

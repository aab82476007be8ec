import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runFenced } from "@/lib/db/request-fence";
import { createTestContext } from "@/lib/testing/test-context";
import { handlerContext, provideHandlerContext } from "./handler-context";

const context = await createTestContext();
// This file's config cannot be read (no database URL): a part taken from it fails at the first use, and only then.
process.env.DATABASE_URL = "";

describe("the context the doors hand their handlers", () => {
  it("reads nothing until a part is used", () => {
    const ctx = handlerContext();
    expect(() => ctx.storage).toThrow(/DATABASE_URL/);
    expect(() => ctx.db).toThrow(/DATABASE_URL/);
  });

  it("hands out what a test provides, keeps the config's for the rest, and fences the pool once", async () => {
    provideHandlerContext(context);
    provideHandlerContext({ db: context.db, storage: context.storage });
    const ctx = handlerContext();
    expect(ctx.db).toBe(context.db);
    expect(ctx.storage).toBe(context.storage);
    expect(() => ctx.limits).toThrow(/DATABASE_URL/);

    let checks = 0;
    const answer = await runFenced(
      async () => {
        checks += 1;
      },
      () => ctx.db.transaction((tx) => tx.execute(sql`select 1 as one`)),
    );
    expect([...answer]).toEqual([{ one: 1 }]);
    expect(checks).toBe(1);
  });
});

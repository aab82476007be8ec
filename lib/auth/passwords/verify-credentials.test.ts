import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema";
import { createTestContext } from "@/lib/testing/test-context";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "./login-rate-limit";
import { hashPassword } from "./password";
import { verifyCredentials, WRONG_CREDENTIALS } from "./verify-credentials";

const context = await createTestContext();
const WINDOW = 900;

async function makeUser(email: string, password: string, extra: Partial<typeof users.$inferInsert> = {}) {
  await context.db
    .insert(users)
    .values({ email, role: "reviewer", passwordHash: await hashPassword(password), ...extra });
}
const attempt = (email: string, password: string, now: Date, ip: string | null = "10.0.0.1") =>
  verifyCredentials(context.db, { email, password, ip, now, windowSeconds: WINDOW });

describe("verifyCredentials", () => {
  it("accepts the right password case-insensitively on the e-mail, and answers every failure the same way", async () => {
    await makeUser("Ada@Example.com", "correct horse battery");
    const now = new Date();
    expect(await attempt("ada@example.com", "correct horse battery", now)).toMatchObject({
      ok: true,
      value: { role: "reviewer" },
    });
    const wrong = await attempt("ada@example.com", "nope", now);
    const unknown = await attempt("nobody@example.com", "nope", now);
    expect(wrong).toEqual({ ok: false, error: { code: "unauthorized", message: WRONG_CREDENTIALS } });
    expect(unknown).toEqual(wrong);
  });

  it("refuses disabled accounts and accounts without a password (invited, not yet accepted)", async () => {
    await makeUser("off@example.com", "correct horse battery", { disabledAt: new Date() });
    await context.db.insert(users).values({ email: "invited@example.com", role: "viewer" });
    const now = new Date();
    expect((await attempt("off@example.com", "correct horse battery", now)).ok).toBe(false);
    expect((await attempt("invited@example.com", "", now)).ok).toBe(false);
  });

  it("rate-limits an account after repeated failures, even for the right password, until the window passes", async () => {
    await makeUser("grace@example.com", "correct horse battery");
    const start = new Date("2026-01-01T10:00:00Z");
    for (let index = 0; index < 20; index += 1) {
      await attempt(
        "grace@example.com",
        `wrong ${index}`,
        new Date(start.getTime() + index * 1000),
        `10.0.1.${index}`,
      );
    }
    const limited = await attempt(
      "grace@example.com",
      "correct horse battery",
      new Date(start.getTime() + 21_000),
    );
    expect(limited).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    if (!limited.ok) expect(limited.error.message).toMatch(/Try again in \d+ minute/);
    const later = new Date(start.getTime() + (WINDOW + 30) * 1000);
    expect((await attempt("grace@example.com", "correct horse battery", later)).ok).toBe(true);
  });

  it("counts failures per account, and separately per address across accounts", async () => {
    const start = new Date("2026-02-01T10:00:00Z");
    for (let index = 0; index < MAX_FAILURES_PER_ACCOUNT - 1; index += 1) {
      await attempt("someone@example.com", "wrong", new Date(start.getTime() + index), "10.9.9.9");
    }
    expect(
      (await attempt("someone@example.com", "wrong", new Date(start.getTime() + 100), "10.9.9.9")).ok,
    ).toBe(false);
    for (let index = 0; index < MAX_FAILURES_PER_IP; index += 1) {
      await attempt(
        `spray-${index}@example.com`,
        "wrong",
        new Date(start.getTime() + 200 + index),
        "10.7.7.7",
      );
    }
    await makeUser("innocent@example.com", "correct horse battery");
    const fromSprayer = await attempt(
      "innocent@example.com",
      "correct horse battery",
      new Date(start.getTime() + 1000),
      "10.7.7.7",
    );
    expect(fromSprayer).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    const elsewhere = await attempt(
      "innocent@example.com",
      "correct horse battery",
      new Date(start.getTime() + 1000),
      "10.1.1.1",
    );
    expect(elsewhere.ok).toBe(true);
    const [user] = await context.db.select().from(users).where(eq(users.email, "innocent@example.com"));
    expect(user?.disabledAt).toBeNull();
  });
});

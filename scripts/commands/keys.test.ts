import { and, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiKeys, auditEvents } from "@/lib/db/schema";
import { createTestContext } from "@/lib/testing/test-context";
import { runKeys } from "./keys";

// The command reads its configuration from the environment, which the test context points at its own stack.
const context = await createTestContext();
afterEach(() => vi.restoreAllMocks());

const output = () => {
  const lines: string[] = [];
  const capture = (...parts: unknown[]) => void lines.push(parts.join(" "));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
  return lines;
};

describe("cli keys create", () => {
  it("creates a key through the admin page's audited path, with the CLI as actor", async () => {
    const lines = output();
    expect(
      await runKeys([
        "create",
        "--name",
        "cli ingest",
        "--scopes",
        "ingest, read",
        "--expires-in-days",
        "30",
      ]),
    ).toBe(0);
    const key = lines.join("\n").match(/lbx_[a-z0-9]{8}_\S+/)?.[0];
    expect(key).toBeDefined();
    const [row] = await context.db.select().from(apiKeys).where(eq(apiKeys.name, "cli ingest"));
    expect(row?.scopes).toEqual(["ingest", "read"]);
    expect(row?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const [event] = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "api_key.create"), eq(auditEvents.targetId, row?.id ?? "")));
    expect(event).toMatchObject({ actorUserId: null, actorApiKeyId: null, targetType: "api_key" });
    expect(event?.details).toMatchObject({ name: "cli ingest", scopes: ["ingest", "read"] });
  });

  it("refuses what the admin page refuses, naming the flag, and creates nothing", async () => {
    const before = await context.db.execute(sql`select count(*)::int as n from api_keys`);
    const lines = output();
    expect(await runKeys(["create", "--name", "x", "--scopes", "ingest,root"])).toBe(2);
    expect(await runKeys(["create", "--name", "x", "--scopes", "read", "--expires-in-days", "0"])).toBe(2);
    expect(await runKeys(["create", "--name", " ", "--scopes", "read"])).toBe(2);
    expect(lines.join("\n")).toMatch(/--scopes:/);
    expect(lines.join("\n")).toMatch(/--expires-in-days:/);
    expect(lines.join("\n")).toMatch(/--name: Give the key a name/);
    const after = await context.db.execute(sql`select count(*)::int as n from api_keys`);
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});

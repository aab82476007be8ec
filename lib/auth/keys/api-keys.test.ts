import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiKeys } from "@/lib/db/schema";
import { createTestContext } from "@/lib/testing/test-context";
import { authenticateApiKey, createApiKey, hashApiKey, hasScope } from "./api-keys";

const context = await createTestContext();

describe("API keys", () => {
  it("stores only the sha256 and a visible prefix; authenticates, records last use, refuses revoked and expired keys", async () => {
    const created = await createApiKey(context.db, { name: "ci", scopes: ["ingest", "read"] });
    expect(created.key).toMatch(new RegExp(`^lbx_${created.prefix}_[\\w-]{43}$`));
    const [row] = await context.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row?.secretSha256).toBe(hashApiKey(created.key));
    // The secret is everything after the prefix: base64url may itself hold "_" (splitting on it once gave "").
    expect(JSON.stringify(row)).not.toContain(created.key.slice(`lbx_${created.prefix}_`.length));

    const auth = await authenticateApiKey(context.db, created.key, "192.0.2.7");
    expect(auth).toEqual({
      ok: true,
      value: { kind: "api_key", id: created.id, name: "ci", scopes: ["ingest", "read"] },
    });
    const [used] = await context.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(used?.lastUsedIp).toBe("192.0.2.7");
    expect(used?.lastUsedAt).not.toBeNull();

    await context.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, created.id));
    expect(await authenticateApiKey(context.db, created.key, null)).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });

    const expired = await createApiKey(context.db, {
      name: "old",
      scopes: ["read"],
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await authenticateApiKey(context.db, expired.key, null)).toEqual({
      ok: false,
      error: { code: "unauthorized", message: "The API key has expired" },
    });
    expect(await authenticateApiKey(context.db, "not-a-key", null)).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
  });

  it("lets the admin scope stand in for every other scope", () => {
    const admin = { kind: "api_key" as const, id: "x", name: "a", scopes: ["admin" as const] };
    expect(hasScope(admin, "ingest") && hasScope(admin, "critic")).toBe(true);
    expect(hasScope({ ...admin, scopes: ["read"] }, "ingest")).toBe(false);
  });
});

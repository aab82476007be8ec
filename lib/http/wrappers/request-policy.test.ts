import { redirect } from "next/navigation";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { idParams } from "@/lib/http/wrappers/path-params";
import { action } from "@/lib/http/wrappers/server-action";
import { err, ok } from "@/lib/result";
import { callRoute } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

// The request log is what this file checks, so it records the lines instead of printing them.
const lines = vi.hoisted(() => [] as { level: string; fields: Record<string, unknown> }[]);
vi.mock("@/lib/logger", () => {
  const record = (level: string) => (fields: Record<string, unknown>) => lines.push({ level, fields });
  return { log: { info: record("info"), warn: record("warn"), error: record("error") } };
});

const requestLines = () => lines.filter((line) => line.level === "info");

beforeEach(() => {
  lines.length = 0;
});

describe("the request policy every door shares", () => {
  const echo = action(
    { name: "echo", access: "public", input: z.object({ count: z.number().int() }) },
    async ({ input }) => (input.count < 0 ? err("conflict", "negative") : ok(input.count * 2)),
  );

  it("answers the handler's Result and logs the request once", async () => {
    expect(await echo({ count: 2 })).toEqual({ ok: true, data: 4 });
    expect(await echo({ count: -1 })).toEqual({
      ok: false,
      error: { code: "conflict", message: "negative" },
    });
    expect(requestLines().map((line) => [line.fields.name, line.fields.status, line.fields.code])).toEqual([
      ["echo", 200, undefined],
      ["echo", 409, "conflict"],
    ]);
  });

  it("maps a ZodError to invalid_request naming the field", async () => {
    expect(await echo({ count: 1.5 })).toEqual({
      ok: false,
      error: {
        code: "invalid_request",
        message: "count: Invalid input: expected int, received number",
        details: [{ path: "count", message: "Invalid input: expected int, received number" }],
      },
    });
  });

  it("answers internal_error without the exception's text, logged once with its stack", async () => {
    const failing = action({ name: "failing", access: "public" }, async () => {
      throw new Error("secret bucket lb-prod-123 exploded");
    });
    const answer = await failing();
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe("internal_error");
    expect(answer.error.message).not.toContain("lb-prod");
    expect(answer.error.message).toMatch(/request [0-9a-f-]{36}/);
    expect(lines.filter((line) => line.level === "error")).toHaveLength(1);
    expect(requestLines()).toHaveLength(1);
  });

  it("maps a value Postgres refuses to invalid_request and a lost database to a 503 to retry", async () => {
    const throwing = (code: string) =>
      action({ name: "db", access: "public" }, async () => {
        throw Object.assign(new Error("from postgres"), { code });
      });
    expect(((await throwing("22P05")()) as { error: { code: string } }).error.code).toBe("invalid_request");
    expect(((await throwing("ECONNREFUSED")()) as { error: { code: string } }).error.code).toBe(
      "database_unavailable",
    );
  });

  it("lets redirect() through (logged as 303)", async () => {
    const navigating = action({ name: "navigating", access: "public" }, async () => redirect("/somewhere"));
    await expect(navigating()).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
    expect(requestLines().map((line) => line.fields.status)).toEqual([303]);
  });
});

const context = await createTestContext();
const keyWith = async (scope: "read" | "admin") =>
  (await createApiKey(context.db, { name: scope, scopes: [scope] })).key;
const keys = { read: await keyWith("read"), admin: await keyWith("admin") };

describe("apiRoute", () => {
  const GET = apiRoute({ scope: "admin", params: idParams }, async ({ params }) =>
    Response.json({ id: params.id }),
  );

  it("checks the key and its scope before the path, so a stranger learns nothing of the route", async () => {
    const anonymous = await callRoute(GET, { params: { id: "not-a-uuid" } });
    expect(anonymous.status).toBe(401);
    const wrongScope = await callRoute(GET, { key: keys.read, params: { id: "not-a-uuid" } });
    expect(wrongScope.status).toBe(403);
    const invalid = await callRoute(GET, { key: keys.admin, params: { id: "not-a-uuid" } });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      error: {
        code: "invalid_request",
        message: "id: id must be a UUID",
        details: [{ path: "id", message: "id must be a UUID" }],
      },
    });
    expect(invalid.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines().map((line) => [line.fields.door, line.fields.status])).toEqual([
      ["api", 401],
      ["api", 403],
      ["api", 400],
    ]);
  });
});

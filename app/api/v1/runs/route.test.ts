import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { provideHandlerContext } from "@/lib/http/wrappers/handler-context";
import { callRoute } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
// The routes work on this file's own pool and bucket (the ones its keys were made in), not the config's.
provideHandlerContext(context);
const { GET, POST } = await import("./route");
const key = (await createApiKey(context.db, { name: "runs", scopes: ["ingest", "read"] })).key;
const readOnly = (await createApiKey(context.db, { name: "reader", scopes: ["read"] })).key;

describe("/api/v1/runs", () => {
  it("creates a run, refuses the same name twice, and lists runs with their image counts", async () => {
    const body = JSON.stringify({ name: "sweep-cfg", generator: "comfyui", params: { cfg: [4, 5, 6] } });
    const created = await callRoute(POST, { method: "POST", key, body });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      name: "sweep-cfg",
      generator: "comfyui",
      params: { cfg: [4, 5, 6] },
    });

    const twice = await callRoute(POST, { method: "POST", key, body });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toEqual({
      error: { code: "conflict", message: 'A run named "sweep-cfg" already exists' },
    });

    const listed = await callRoute(GET, { key: readOnly });
    expect((await listed.json()).items).toEqual([
      expect.objectContaining({ name: "sweep-cfg", image_count: 0 }),
    ]);
  });

  it("validates the body and the scope", async () => {
    const empty = await callRoute(POST, { method: "POST", key, body: JSON.stringify({ name: " " }) });
    expect(await empty.json()).toEqual({
      error: {
        code: "invalid_request",
        message: "name: name is required",
        details: [{ path: "name", message: "name is required" }],
      },
    });
    expect((await callRoute(POST, { method: "POST", key: readOnly, body: "{}" })).status).toBe(403);
  });
});

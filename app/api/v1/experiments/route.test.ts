import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { experimentQuerySchema } from "@/lib/insights/experiment-input";
import { runExperiment } from "@/lib/insights/run-experiment";
import { seedInsightsLibrary } from "@/lib/insights/testing/seed-insights";
import { callRoute } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
const { GET } = await import("./route");
const seeded = await seedInsightsLibrary(context.db, 30);
const reader = (await createApiKey(context.db, { name: "reader", scopes: ["read"] })).key;
const ingest = (await createApiKey(context.db, { name: "ingest", scopes: ["ingest"] })).key;

describe("GET /api/v1/experiments", () => {
  it("answers the numbers lib/insights computes, for any selection filter", async () => {
    const path = `/api/v1/experiments?parameter=sampler&q=${seeded.word}&status=approved`;
    const response = await callRoute(GET, { key: reader, path });
    expect(response.status).toBe(200);
    const expected = await runExperiment(
      context.db,
      experimentQuerySchema.parse({ parameter: "sampler", q: seeded.word, status: "approved" }),
    );
    expect(expected.ok && (await response.json())).toEqual(
      JSON.parse(JSON.stringify(expected.ok && expected.value)),
    );
  });

  it("refuses an unknown parameter, a missing scope and no key with our error codes", async () => {
    const bad = await callRoute(GET, { key: reader, path: "/api/v1/experiments?parameter=colour" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_request" } });
    const scoped = await callRoute(GET, { key: ingest, path: "/api/v1/experiments?parameter=model" });
    expect(scoped.status).toBe(403);
    expect((await callRoute(GET, { path: "/api/v1/experiments?parameter=model" })).status).toBe(401);
  });
});

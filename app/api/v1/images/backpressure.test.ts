import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { runImageJobs } from "@/lib/images/testing/run-image-jobs";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { callRoute, multipart } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

// Backpressure at the door: this file's app process allows two derivations waiting (read once, like any config).
const context = await createTestContext();
process.env.INGEST_BACKLOG_LIMIT = "2";
const { POST } = await import("./route");
const key = (await createApiKey(context.db, { name: "generator", scopes: ["ingest"] })).key;
const post = async (body: FormData, headers?: Record<string, string>) => {
  const response = await callRoute(POST, { method: "POST", path: "/api/v1/images", key, body, headers });
  return { status: response.status, headers: response.headers, body: await response.json() };
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("POST /api/v1/images while the workers are behind", () => {
  it("answers 503 overloaded with Retry-After; a retry with the same Idempotency-Key is stored once they caught up", async () => {
    for (let index = 0; index < 2; index += 1)
      expect((await post(multipart(await makeTestPng()))).status).toBe(201);
    const body = multipart(await makeTestPng(), { prompt: "a lighthouse" });
    const refused = await post(body, { "idempotency-key": "backpressure-1" });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("2");
    expect(refused.body).toEqual({
      error: {
        code: "overloaded",
        message: "2 images are waiting for a worker (the limit is 2); retry after 2 s",
        details: { retry_after_seconds: 2 },
      },
    });

    await runImageJobs(context);
    // The app counts the backlog at most every half second (adding what it admitted since): past that, it asks again.
    await pause(600);
    const stored = await post(body, { "idempotency-key": "backpressure-1" });
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ prompt: "a lighthouse", derive_state: "pending", duplicate: false });
    expect(stored.headers.get("retry-after")).toBeNull();
  });
});

// DEPLOY_TARGET=vercel: bodies over Vercel's 4.5 MB limit are refused with a pointer to direct upload.
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { countingStream, filePartHead, filler, MULTIPART_TYPE } from "@/lib/testing/multipart-stream";
import { callRoute } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
// Before the route module first reads the configuration.
process.env.DEPLOY_TARGET = "vercel";
const { POST } = await import("./route");
const ingestKey = (await createApiKey(context.db, { name: "generator", scopes: ["ingest"] })).key;
const FIVE_MB = 5 * 1024 * 1024;

describe("POST /api/v1/images with DEPLOY_TARGET=vercel", () => {
  it("answers 413 pointing to POST /api/v1/uploads from the Content-Length, reading none of the body", async () => {
    const body = countingStream([filePartHead(), ...filler(FIVE_MB)]);
    const response = await callRoute(POST, {
      method: "POST",
      path: "/api/v1/images",
      key: ingestKey,
      body: body.stream,
      headers: { "content-type": MULTIPART_TYPE, "content-length": String(FIVE_MB + 200) },
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: {
        code: "payload_too_large",
        message: `The request is ${FIVE_MB + 200} bytes; on this deployment (Vercel) a request body may be at most 4.5 MB. Upload it directly to the bucket instead: POST /api/v1/uploads, PUT the file to the returned URL, then POST /api/v1/uploads/{id}/complete.`,
        details: { limit_bytes: 4718592, direct_upload: "/api/v1/uploads" },
      },
    });
    expect(body.pulled()).toBe(0);
  });

  it("stops a chunked body (no Content-Length) at 4.5 MB with the same pointer", async () => {
    const body = countingStream([filePartHead(), ...filler(FIVE_MB * 4)]);
    const response = await callRoute(POST, {
      method: "POST",
      path: "/api/v1/images",
      key: ingestKey,
      body: body.stream,
      headers: { "content-type": MULTIPART_TYPE },
    });
    expect(response.status).toBe(413);
    const { error } = (await response.json()) as { error: { message: string; details: unknown } };
    expect(error.message).toContain("POST /api/v1/uploads");
    expect(error.details).toEqual({ limit_bytes: 4718592, direct_upload: "/api/v1/uploads" });
    expect(body.pulled()).toBeLessThan(FIVE_MB + 1024 * 1024);
  });
});

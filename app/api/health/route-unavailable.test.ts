import { afterAll, describe, expect, it } from "vitest";
import { provideHandlerContext } from "@/lib/http/wrappers/handler-context";
import { findFreePort } from "@/lib/local-stack/ports";
import { createS3Client } from "@/lib/storage/s3-client";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
// Nothing listens here: the object store handed to this file's route is "stopped".
const client = createS3Client({ ...context.config.s3, endpoint: `http://127.0.0.1:${await findFreePort()}` });
afterAll(() => client.destroy());
provideHandlerContext({ db: context.db, storage: { ...context.storage, client } });
const { GET } = await import("./route");

describe("GET /api/health with the object store down", () => {
  it("answers 503 naming storage, within 3 s, without leaking the endpoint or bucket", async () => {
    const started = Date.now();
    const response = await GET();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toEqual({
      db: "ok",
      storage: "unavailable",
      error: { code: "storage_unavailable", message: "The object store did not answer" },
    });
    expect(JSON.stringify(body)).not.toContain(process.env.S3_BUCKET);
  });
});

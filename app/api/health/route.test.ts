import { describe, expect, it } from "vitest";
import { createTestContext } from "@/lib/testing/test-context";

// The context points this file's process.env at its own database and bucket before the route loads.
await createTestContext();
const { GET } = await import("./route");

describe("GET /api/health", () => {
  it("answers 200 with db and storage ok", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ db: "ok", storage: "ok" });
  });
});

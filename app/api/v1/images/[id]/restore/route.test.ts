import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { softDeleteImage } from "@/lib/images/lifecycle/soft-delete-image";
import { callRoute } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
const { POST } = await import("./route");
const admin = (await createApiKey(context.db, { name: "admin", scopes: ["admin"] })).key;
const reader = (await createApiKey(context.db, { name: "reader", scopes: ["read"] })).key;

describe("POST /api/v1/images/{id}/restore", () => {
  it("restores a soft-deleted image (admin only)", async () => {
    const [image] = await ingestTestImages(context, 1);
    await softDeleteImage(context.db, image?.id ?? "");
    const forbidden = await callRoute(POST, { method: "POST", key: reader, params: { id: image?.id ?? "" } });
    expect(await forbidden.json()).toEqual({
      error: { code: "forbidden", message: 'This API key lacks the "admin" scope' },
    });
    const restored = await callRoute(POST, { method: "POST", key: admin, params: { id: image?.id ?? "" } });
    expect(restored.status).toBe(200);
    expect(await restored.json()).toEqual({ id: image?.id, deleted_at: null });
    const bad = await callRoute(POST, { method: "POST", key: admin, params: { id: "nope" } });
    expect(await bad.json()).toMatchObject({
      error: { code: "invalid_request", message: "id: id must be a UUID" },
    });
  });
});

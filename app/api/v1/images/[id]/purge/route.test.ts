import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { images } from "@/lib/db/schema";
import { headObject } from "@/lib/storage/objects";
import { callRoute } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
const { POST } = await import("./route");
const admin = (await createApiKey(context.db, { name: "admin", scopes: ["admin"] })).key;

describe("POST /api/v1/images/{id}/purge", () => {
  it("removes the objects and the row; refuses approved images with conflict", async () => {
    const [doomed, approved] = await ingestTestImages(context, 2);
    const live = await callRoute(POST, { method: "POST", key: admin, params: { id: doomed?.id ?? "" } });
    expect(live.status).toBe(409);
    expect(await live.json()).toEqual({
      error: {
        code: "conflict",
        message: `Image ${doomed?.id} is not deleted: delete it first, then purge it`,
      },
    });
    await context.db
      .update(images)
      .set({ deletedAt: new Date() })
      .where(inArray(images.id, [doomed?.id ?? "", approved?.id ?? ""]));
    const purged = await callRoute(POST, { method: "POST", key: admin, params: { id: doomed?.id ?? "" } });
    expect(purged.status).toBe(200);
    expect(await purged.json()).toMatchObject({ id: doomed?.id, sha256: doomed?.sha256 });
    expect((await headObject(context.storage, doomed?.object_key ?? "")).ok).toBe(false);

    await context.db
      .update(images)
      .set({ reviewStatus: "approved" })
      .where(eq(images.id, approved?.id ?? ""));
    const refused = await callRoute(POST, { method: "POST", key: admin, params: { id: approved?.id ?? "" } });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      error: {
        code: "conflict",
        message: `Image ${approved?.id} is protected: it is approved`,
        details: { reasons: ["it is approved"] },
      },
    });
  });
});

import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { idempotencyKeys } from "@/lib/db/schema";
import { withIdempotency } from "@/lib/http/wrappers/idempotency";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { createTestContext } from "@/lib/testing/test-context";
import { postImage, renderImageAnswer } from "./post-image";

const context = await createTestContext();
// Signed URLs valid for 2 s (a new signing window every second), so a replay a little later must sign anew.
const storage = { ...context.storage, ttlSeconds: 2 };
const deps = { db: context.db, storage, limits: context.config.limits };
const { id: apiKeyId } = await createApiKey(context.db, { name: "replays", scopes: ["ingest"] });

describe("postImage behind an Idempotency-Key", () => {
  it("stores the image id, not its URLs, and a replay after they expired signs fresh ones", async () => {
    const bytes = await makeTestPng({ width: 96, height: 64 });
    const requestSha256 = createHash("sha256").update(bytes).digest("hex");
    const post = () =>
      withIdempotency(
        context.db,
        { apiKeyId, key: `replay-${requestSha256}`, requestSha256 },
        () => postImage(deps, { bytes, metadata: {}, requestSha256, fileSha256: requestSha256 }),
        renderImageAnswer(deps),
      );
    const first = await post();
    if (!first.ok) throw new Error(first.error.message);
    const body = first.value.body as { id: string; urls: { original: string; thumb: string } };
    expect(first.value).toMatchObject({ status: 201, replayed: false });

    const [row] = await context.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, `replay-${requestSha256}`)));
    expect(row?.responseBody).toEqual({ id: body.id, duplicate: false });

    await new Promise((resolve) => setTimeout(resolve, 2100));
    const replay = await post();
    if (!replay.ok) throw new Error(replay.error.message);
    const replayed = replay.value.body as typeof body;
    expect(replay.value).toMatchObject({
      status: 201,
      replayed: true,
      body: { id: body.id, duplicate: false },
    });
    expect(replayed.urls.original).not.toBe(body.urls.original);
    expect(replayed.urls.thumb).not.toBe(body.urls.thumb);
    expect((await fetch(replayed.urls.original)).status).toBe(200);
  });
});

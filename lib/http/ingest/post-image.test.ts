import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { idempotencyKeys, images } from "@/lib/db/schema";
import { withIdempotency } from "@/lib/http/wrappers/idempotency";
import { createIngestGate } from "@/lib/images/ingest/ingest-gate";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { ok } from "@/lib/result";
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

describe("postImage through a web process's ingest gate", () => {
  const postOf = (
    gated: typeof deps & { ingestGate: ReturnType<typeof createIngestGate> },
    bytes: Uint8Array,
  ) => {
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    return postImage(gated, { bytes, metadata: {}, requestSha256: sha256, fileSha256: sha256 });
  };

  it("stores concurrent posts of the same new bytes once, every other post answered as the duplicate", async () => {
    const gated = { ...deps, ingestGate: createIngestGate(1) };
    const bytes = await makeTestPng({ width: 40, height: 30 });
    const answers = await Promise.all(Array.from({ length: 8 }, () => postOf(gated, bytes)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((answer) => (answer.body as { id: string }).id));
    expect(ids.size).toBe(1);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(
      await context.db.select({ id: images.id }).from(images).where(eq(images.sha256, sha256)),
    ).toHaveLength(1);
  });

  it("answers a re-post of stored bytes while the gate is full, and refuses new bytes with Retry-After", async () => {
    const gated = { ...deps, ingestGate: createIngestGate(1) };
    const stored = await makeTestPng({ width: 40, height: 30 });
    expect((await postOf(gated, stored)).status).toBe(201);

    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // One running and eight waiting: the gate of one slot is full.
    const occupying = Array.from({ length: 9 }, () => gated.ingestGate(() => held.then(() => ok(null))));
    try {
      const again = await postOf(gated, stored);
      expect(again).toMatchObject({ status: 200, body: { duplicate: true } });
      const fresh = await postOf(gated, await makeTestPng({ width: 40, height: 30 }));
      expect(fresh).toMatchObject({
        status: 503,
        body: { error: { code: "overloaded", details: { retry_after_seconds: 1 } } },
      });
    } finally {
      release();
      await Promise.all(occupying);
    }
  });
});

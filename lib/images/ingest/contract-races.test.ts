import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { images } from "@/lib/db/schema";
import { postImage, renderImageAnswer } from "@/lib/http/ingest/post-image";
import { withIdempotency } from "@/lib/http/wrappers/idempotency";
import { purgeImage } from "@/lib/images/lifecycle/purge-image";
import { runDoctor } from "@/lib/maintenance/doctor/run-doctor";
import { getObjectBytes, headObject } from "@/lib/storage/objects";
import { createTestContext } from "@/lib/testing/test-context";
import { softDeleteImage } from "../lifecycle/soft-delete-image";
import { makeTestPng } from "../testing/test-images";
import { completeUpload, createUpload } from "../uploads/direct-uploads";
import { ingestImage } from "./ingest-image";

// The races of the storage contract, each run many times: a success answer always names a stored image whose
// object holds exactly the bytes of its sha256.
const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const ROUNDS = 8;

async function storedBytesSha(objectKey: string): Promise<string | null> {
  const bytes = await getObjectBytes(context.storage, objectKey);
  return bytes.ok ? sha256(bytes.value) : null;
}

/** The row exists and its object holds exactly the bytes of its sha256. */
async function expectStored(id: string): Promise<void> {
  const [row] = await context.db.select().from(images).where(eq(images.id, id));
  expect(row, `image ${id} should still exist`).toBeDefined();
  if (!row) return;
  expect(await storedBytesSha(row.objectKey)).toBe(row.sha256);
}

describe("the storage contract under races", () => {
  it("stores exactly the hashed bytes when the upload URL is re-used while complete runs", async () => {
    let stored = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const honest = await makeTestPng({ width: 1200, height: 1200 });
      // Same size, other bytes (the signature binds the length, not the content).
      const swapped = honest.map((byte, index) => (index > 100 ? byte ^ 0x5a : byte));
      const ticket = await createUpload(
        deps,
        { apiKeyId: null },
        { content_type: "image/png", byte_size: honest.length },
      );
      if (!ticket.ok) throw new Error(ticket.error.message);
      const put = (body: Uint8Array) =>
        fetch(ticket.value.upload_url, {
          method: "PUT",
          headers: ticket.value.headers,
          body: Buffer.from(body),
        });
      expect((await put(honest)).status).toBe(200);

      const completing = completeUpload(deps, { apiKeyId: null }, ticket.value.id, {});
      let settled = false;
      void completing.finally(() => {
        settled = true;
      });
      // Each round swaps a little later, so some swaps land after the bytes were read and hashed.
      await new Promise((resolve) => setTimeout(resolve, round * 25));
      while (!settled) await put(swapped);
      const result = await completing;
      if (!result.ok) {
        // The swapped bytes were read (no decodable PNG), or read while a PUT rewrote them (the local store
        // fails such a read): a clear error, and the upload can be completed again.
        expect(["invalid_image", "invalid_request", "storage_unavailable"]).toContain(result.error.code);
        continue;
      }
      stored += 1;
      expect(await storedBytesSha(result.value.object_key)).toBe(result.value.sha256);
      await expectStored(result.value.id);
    }
    expect(stored).toBeGreaterThan(0);
  });

  it("never answers 'duplicate' with an image a concurrent purge removes", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const bytes = await makeTestPng({ width: 300, height: 200 });
      const first = await ingestImage(deps, { bytes, metadata: {}, source: "api" });
      if (!first.ok) throw new Error(first.error.message);
      await softDeleteImage(context.db, first.value.image.id);

      const [purged, ...reposts] = await Promise.all([
        purgeImage(deps, first.value.image.id, {}),
        ...Array.from({ length: 8 }, () => ingestImage(deps, { bytes, metadata: {}, source: "api" })),
      ]);
      for (const repost of reposts) {
        if (!repost.ok) throw new Error(repost.error.message);
        await expectStored(repost.value.image.id);
      }
      // Either the purge went first (the re-posts stored the bytes anew) or it refused: they named the old image.
      const ids = reposts.map((repost) => (repost.ok ? repost.value.image.id : null));
      if (purged.ok) expect(ids).not.toContain(first.value.image.id);
      else expect(purged.error.code).toBe("conflict");
      const [rows] = await context.db
        .select({ n: count() })
        .from(images)
        .where(eq(images.sha256, sha256(bytes)));
      expect(rows?.n).toBe(1);
    }
  });

  it("runs concurrent posts with one Idempotency-Key once", async () => {
    const { id: apiKeyId } = await createApiKey(context.db, { name: "races", scopes: ["ingest"] });
    const post = (bytes: Uint8Array, requestSha256: string, key: string) =>
      withIdempotency(
        context.db,
        { apiKeyId, key, requestSha256 },
        () => postImage(deps, { bytes, metadata: {}, requestSha256, fileSha256: sha256(bytes) }),
        renderImageAnswer(deps),
      );
    for (let round = 0; round < ROUNDS / 2; round++) {
      const key = `race-${round}-${Date.now()}`;
      const bodies = await Promise.all(
        Array.from({ length: 6 }, () => makeTestPng({ width: 80, height: 60 })),
      );
      const different = await Promise.all(bodies.map((bytes) => post(bytes, sha256(bytes), key)));
      const created = different.filter((answer) => answer.ok && answer.value.status === 201);
      const conflicts = different.filter((answer) => !answer.ok && answer.error.code === "conflict");
      expect(created).toHaveLength(1);
      expect(conflicts).toHaveLength(5);
      const rows = await Promise.all(
        bodies.map(
          async (bytes) =>
            (
              await context.db
                .select()
                .from(images)
                .where(eq(images.sha256, sha256(bytes)))
            ).length,
        ),
      );
      expect(rows.reduce((sum, n) => sum + n, 0)).toBe(1);

      const same = bodies[0] as Uint8Array;
      const sameKey = `${key}-same`;
      const replays = await Promise.all(
        Array.from({ length: 6 }, () => post(same, `same-${sha256(same)}`, sameKey)),
      );
      const ids = new Set(
        replays.map((answer) => (answer.ok ? (answer.value.body as { id: string }).id : answer.error.code)),
      );
      expect(ids.size).toBe(1);
      expect(replays.filter((answer) => answer.ok && !answer.value.replayed)).toHaveLength(1);
    }
  });

  it("completes an upload once when two completes race, and records who uploaded it", async () => {
    for (let round = 0; round < ROUNDS / 2; round++) {
      const bytes = await makeTestPng({ width: 400, height: 300 });
      const ticket = await createUpload(
        deps,
        { apiKeyId: null },
        { content_type: "image/png", byte_size: bytes.length },
      );
      if (!ticket.ok) throw new Error(ticket.error.message);
      await fetch(ticket.value.upload_url, {
        method: "PUT",
        headers: ticket.value.headers,
        body: Buffer.from(bytes),
      });
      const owner = { apiKeyId: null, source: "upload" as const, addedBy: null };
      const answers = await Promise.all([
        completeUpload(deps, owner, ticket.value.id, {}),
        completeUpload(deps, owner, ticket.value.id, {}),
      ]);
      const succeeded = answers.filter((answer) => answer.ok);
      expect(succeeded).toHaveLength(1);
      expect(answers.find((answer) => !answer.ok)).toMatchObject({ ok: false, error: { code: "conflict" } });
      const image = succeeded[0]?.ok ? succeeded[0].value : null;
      expect(image?.source).toBe("upload");
      expect((await headObject(context.storage, `staging/${ticket.value.id}`)).ok).toBe(false);
    }
  });

  it("leaves no staging object behind when the upload URL is used again after complete", async () => {
    const bytes = await makeTestPng({ width: 120, height: 90 });
    const ticket = await createUpload(
      deps,
      { apiKeyId: null },
      { content_type: "image/png", byte_size: bytes.length },
    );
    if (!ticket.ok) throw new Error(ticket.error.message);
    const put = () =>
      fetch(ticket.value.upload_url, {
        method: "PUT",
        headers: ticket.value.headers,
        body: Buffer.from(bytes),
      });
    await put();
    expect((await completeUpload(deps, { apiKeyId: null }, ticket.value.id, {})).ok).toBe(true);
    expect((await put()).status).toBe(200);

    const report = await runDoctor(deps, { fix: true });
    if (!report.ok) throw new Error(report.error.message);
    // Earlier tests here leave such objects too (a swap PUT that lands just after complete).
    const staging = report.value.counts.stale_staging_object;
    expect(staging?.found).toBeGreaterThanOrEqual(1);
    expect(staging?.fixed).toBe(staging?.found);
    expect((await headObject(context.storage, `staging/${ticket.value.id}`)).ok).toBe(false);
  });
});

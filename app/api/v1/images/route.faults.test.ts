import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { startFaultStack } from "@/lib/testing/fault-stack";
import { callRoute, multipart } from "@/lib/testing/route-request";
import {
  countImages,
  expectClearError,
  expectContractHolds,
  expectStoredImage,
  sha256Of,
} from "@/lib/testing/storage-contract";
import { createTestContext } from "@/lib/testing/test-context";

// POST /api/v1/images with an Idempotency-Key while the app's database and bucket sit behind fault proxies. The
// route reads its config from process.env, so it is pointed at the proxies before its first request.
const context = await createTestContext();
const direct = { db: context.db, storage: context.storage, limits: context.config.limits };
const faults = await startFaultStack(context);
process.env.DATABASE_URL = faults.databaseUrl;
process.env.S3_ENDPOINT = faults.s3Endpoint;
const { POST } = await import("./route");
const item = await import("./[id]/route");
const { key } = await createApiKey(context.db, { name: "generator", scopes: ["ingest", "read"] });

async function post(bytes: Uint8Array, idempotencyKey: string) {
  const response = await callRoute(POST, {
    method: "POST",
    path: "/api/v1/images",
    key,
    body: multipart(bytes, { tags: ["faults"] }),
    headers: { "idempotency-key": idempotencyKey },
  });
  return { status: response.status, body: await response.json() };
}

/** A success names an image the API serves back with the exact bytes; anything else is a clear error. */
async function expectClearAnswer(
  answer: { status: number; body: Record<string, unknown> },
  bytes: Uint8Array,
) {
  if (answer.status >= 300) return expectClearError(answer.status, answer.body);
  expect(answer.body.sha256).toBe(sha256Of(bytes));
  const id = answer.body.id as string;
  const got = await callRoute(item.GET, { path: `/api/v1/images/${id}`, key, params: { id } });
  expect(got.status).toBe(200);
  const record = await got.json();
  const original = await fetch((record.urls as { original: string }).original);
  expect(original.status, `the original of ${id} is served`).toBe(200);
  expect(sha256Of(new Uint8Array(await original.arrayBuffer()))).toBe(sha256Of(bytes));
  await expectStoredImage(direct, record as { id: string; sha256: string; object_key: string });
}

/** After healing, the same request with the same Idempotency-Key ends with exactly one stored image. */
async function expectRetryStoresOne(bytes: Uint8Array, idempotencyKey: string) {
  await faults.heal();
  const retried = await post(bytes, idempotencyKey);
  expect([200, 201], JSON.stringify(retried.body)).toContain(retried.status);
  await expectClearAnswer(retried, bytes);
  expect(await countImages(context.db, sha256Of(bytes))).toBe(1);
  await expectContractHolds(direct);
}

/** Breaks one link, posts, checks the answer and the contract, heals, and retries with the same key. */
async function runScenario(breakLink: () => Promise<void> | void, size?: { width: number; height: number }) {
  await faults.heal();
  const bytes = await makeTestPng(size);
  const idempotencyKey = randomUUID();
  await breakLink();
  const answer = await post(bytes, idempotencyKey);
  await expectClearAnswer(answer, bytes);
  await expectContractHolds(direct);
  await expectRetryStoresOne(bytes, idempotencyKey);
  return answer;
}

describe("POST /api/v1/images under faults", () => {
  it("S3 refuses connections: 503 storage_unavailable; the retry with the same key stores one image", async () => {
    const answer = await runScenario(() => faults.s3.setMode({ kind: "refuse" }));
    expect(answer).toMatchObject({ status: 503, body: { error: { code: "storage_unavailable" } } });
  });

  it("S3 cuts the upload mid-stream: 503; the retry with the same key stores one image", async () => {
    const answer = await runScenario(
      () => faults.s3.setMode({ kind: "cut-after-bytes", direction: "upstream", bytes: 64 * 1024 }),
      { width: 600, height: 500 },
    );
    expect(answer).toMatchObject({ status: 503, body: { error: { code: "storage_unavailable" } } });
  });

  it("S3 stalls past the production timeout (5 s for a HEAD): 503; the retry with the same key stores one image", async () => {
    const started = Date.now();
    const answer = await runScenario(() => faults.s3.setMode({ kind: "stall" }));
    expect(answer).toMatchObject({ status: 503, body: { error: { code: "storage_unavailable" } } });
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("Postgres is cut before the commit: a clear error; the retry with the same key stores one image", async () => {
    const answer = await runScenario(() => {
      faults.pg.onUpstreamMatch({ pattern: "commit\0", action: "cut-before" });
    });
    expect(answer.status).not.toBe(201);
  });

  it("Postgres is cut after the commit, before the answer: success or a clear error; one image after the retry", async () => {
    await runScenario(() => {
      faults.pg.onUpstreamMatch({ pattern: "commit\0", action: "cut-after" });
    });
  });
});

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { statusOf } from "@/lib/http/responses/errors";
import { startFaultStack } from "@/lib/testing/fault-stack";
import {
  countImages,
  expectClearError,
  expectContractHolds,
  expectStoredImage,
  sha256Of,
} from "@/lib/testing/storage-contract";
import { createTestContext } from "@/lib/testing/test-context";
import { makeTestPng } from "../testing/test-images";
import { type IngestDeps, ingestImage } from "./ingest-image";

// ingestImage with its database and bucket behind fault proxies. Each scenario breaks one link, checks what the
// caller got, heals, retries the same bytes, and ends with the storage contract checks.
const context = await createTestContext();
const direct = { db: context.db, storage: context.storage, limits: context.config.limits };
const faults = await startFaultStack(context);

const ingest = (deps: IngestDeps, bytes: Uint8Array) =>
  ingestImage(deps, { bytes, metadata: {}, source: "api" });

/** The caller's outcome: a stored image, or a clear error. */
async function expectClearOutcome(result: Awaited<ReturnType<typeof ingest>>): Promise<void> {
  if (result.ok) await expectStoredImage(direct, result.value.image);
  else expectClearError(statusOf(result.error.code), { error: result.error });
}

/** A refused ingest kept no row and broke no contract; a retry after healing stores exactly one image. */
async function expectNothingKeptThenRetry(bytes: Uint8Array): Promise<void> {
  expect(await countImages(context.db, sha256Of(bytes))).toBe(0);
  await expectContractHolds(direct);
  await retryAfterHealing(bytes);
}

/** Heals the links, posts the same bytes again, and checks there is exactly one stored image for them. */
async function retryAfterHealing(bytes: Uint8Array): Promise<void> {
  await faults.heal();
  const retried = await ingest(faults.openDeps(), bytes);
  if (!retried.ok) throw new Error(`retry failed: ${JSON.stringify(retried.error)}`);
  await expectStoredImage(direct, retried.value.image);
  expect(await countImages(context.db, sha256Of(bytes))).toBe(1);
  await expectContractHolds(direct);
}

describe("ingestImage under faults", () => {
  it("S3 refuses connections: 503 storage_unavailable, nothing kept; the retry stores one image", async () => {
    const bytes = await makeTestPng();
    const deps = faults.openDeps();
    faults.s3.setMode({ kind: "refuse" });
    const result = await ingest(deps, bytes);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "storage_unavailable" },
    });
    await expectNothingKeptThenRetry(bytes);
  });

  it("S3 cuts the upload mid-stream: a clear error, no row, no partial object kept as an image", async () => {
    // About 1 MB of noise: every connection is reset once 64 KB of it has gone up.
    const bytes = await makeTestPng({ width: 600, height: 500 });
    const deps = faults.openDeps();
    faults.s3.setMode({ kind: "cut-after-bytes", direction: "upstream", bytes: 64 * 1024 });
    const result = await ingest(deps, bytes);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "storage_unavailable" },
    });
    await expectNothingKeptThenRetry(bytes);
  });

  it("S3 stalls an upload past the timeout: 503 within the budget; the retry stores one image", async () => {
    const bytes = await makeTestPng();
    const deps = faults.openDeps();
    const stalled = faults.s3.onUpstreamMatch({
      pattern: `PUT /${context.storage.bucket}/originals/`,
      action: "stall",
    });
    const started = Date.now();
    const result = await ingest(deps, bytes);
    await stalled;
    expect(result).toMatchObject({
      ok: false,
      error: { code: "storage_unavailable", details: { reason: "timeout" } },
    });
    expect(Date.now() - started).toBeLessThan(6000);
    await expectNothingKeptThenRetry(bytes);
  });

  it("holds no database transaction open while S3 stalls (DESIGN: no network I/O inside a transaction)", async () => {
    const bytes = await makeTestPng();
    const deps = faults.openDeps();
    const stalled = faults.s3.onUpstreamMatch({
      pattern: `PUT /${context.storage.bucket}/originals/`,
      action: "stall",
    });
    const pending = ingest(deps, bytes);
    await stalled;
    const open = await context.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and state like 'idle in transaction%'`,
    );
    expect.soft(open[0]?.n, "sessions idle in a transaction while the upload stalls").toBe(0);
    await expectClearOutcome(await pending);
    await retryAfterHealing(bytes);
  });

  it("Postgres is cut before the commit: a clear error, no row, the objects removed or left as orphans", async () => {
    const bytes = await makeTestPng();
    const deps = faults.openDeps();
    const cut = faults.pg.onUpstreamMatch({ pattern: "commit\0", action: "cut-before" });
    const result = await ingest(deps, bytes);
    await cut;
    await expectClearOutcome(result);
    expect(result.ok).toBe(false);
    await expectNothingKeptThenRetry(bytes);
  });

  it("Postgres is cut after the commit, before the answer: the committed row keeps its bytes", async () => {
    const bytes = await makeTestPng();
    const deps = faults.openDeps();
    const cut = faults.pg.onUpstreamMatch({ pattern: "commit\0", action: "cut-after" });
    const result = await ingest(deps, bytes);
    await cut;
    await expectClearOutcome(result);
    // Whatever the server committed before the cut must still name its exact bytes (the doctor checks).
    expect(await countImages(context.db, sha256Of(bytes))).toBeLessThanOrEqual(1);
    await expectContractHolds(direct);
    await retryAfterHealing(bytes);
  });
});

import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { count, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { images } from "@/lib/db/schema";
import { findFreePort } from "@/lib/local-stack/ports";
import { startS3Server } from "@/lib/local-stack/s3-server";
import { embedStealthAlpha } from "@/lib/metadata/testing/stealth-encoder";
import { originalKey } from "@/lib/storage/keys";
import { deleteObject, getObjectBytes, headObject, putObject } from "@/lib/storage/objects";
import { createS3Client } from "@/lib/storage/s3-client";
import type { Storage } from "@/lib/storage/storage";
import { createTestContext } from "@/lib/testing/test-context";
import { getImage } from "../record/get-image";
import { runImageJobs } from "../testing/run-image-jobs";
import { A1111_PARAMETERS, makePngBomb, makeTestPng } from "../testing/test-images";
import { ingestImage } from "./ingest-image";

const context = await createTestContext();
const randomPixels = (size: { width: number; height: number }) =>
  new Uint8Array(randomBytes(size.width * size.height * 4));
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const rowCount = async (sha: string) =>
  (await context.db.select({ n: count() }).from(images).where(eq(images.sha256, sha)))[0]?.n;

async function keysUnder(storage: Storage, prefix: string): Promise<string[]> {
  const page = await storage.client.send(
    new ListObjectsV2Command({ Bucket: storage.bucket, Prefix: prefix }),
  );
  return (page.Contents ?? []).map((object) => object.Key ?? "");
}

describe("ingestImage", () => {
  it("stores the original first, then one row with embedded and explicit metadata; a worker makes the variants", async () => {
    const bytes = await makeTestPng({ width: 2000, height: 1200, parameters: A1111_PARAMETERS });
    const result = await ingestImage(deps, {
      bytes,
      source: "api",
      metadata: { model: "explicit-model", tags: ["Blurry", "blurry", "hands"], run: "nightly-42" },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const { image, duplicate } = result.value;
    expect(duplicate).toBe(false);
    expect(image).toMatchObject({
      sha256: sha256(bytes),
      object_key: originalKey(sha256(bytes), "png"),
      content_type: "image/png",
      byte_size: bytes.length,
      width: 2000,
      height: 1200,
      generator: "a1111",
      prompt: "a lighthouse at dusk, <lora:film_grain:0.7>",
      negative_prompt: "blurry, lowres",
      seed: "1234567890",
      steps: 28,
      cfg_scale: 6.5,
      model: "explicit-model",
      model_hash: "45a21ea00a",
      tags: ["Blurry", "hands"],
      review_status: "unreviewed",
    });
    expect(image.loras).toEqual([expect.objectContaining({ name: "film_grain", weight: 0.7 })]);
    expect(image.run?.name).toBe("nightly-42");
    // The answer does not wait for the variants: the row and its derivation job are committed, the work is queued.
    expect(image).toMatchObject({ derive_state: "pending", placeholder: null, variants: [] });

    const stored = await getObjectBytes(context.storage, image.object_key);
    expect(stored.ok && sha256(stored.value)).toBe(sha256(bytes));
    const head = await headObject(context.storage, image.object_key);
    expect(head.ok && head.value.contentType).toBe("image/png");

    expect(await runImageJobs(context)).toMatchObject({ done: 1, failed: 0 });
    const derived = await getImage(context, image.id);
    if (!derived.ok) throw new Error(derived.error.message);
    expect(derived.value).toMatchObject({ derive_state: "done", width: 2000, height: 1200 });
    expect(derived.value.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(derived.value.variants.map((variant) => [variant.name, variant.width, variant.height])).toEqual(
      expect.arrayContaining([
        ["thumb", 384, 230],
        ["preview", 1600, 960],
      ]),
    );
    for (const variant of derived.value.variants) {
      const variantHead = await headObject(context.storage, variant.object_key);
      expect(variantHead.ok && variantHead.value.contentType).toBe("image/webp");
    }
  });

  it("makes no preview for an image already smaller than the preview size", async () => {
    const result = await ingestImage(deps, { bytes: await makeTestPng(), source: "api", metadata: {} });
    if (!result.ok) throw new Error(result.error.message);
    await runImageJobs(context);
    const derived = await getImage(context, result.value.image.id);
    expect(derived.ok && derived.value.variants.map((variant) => variant.name)).toEqual(["thumb"]);
  });

  it("answers the same bytes with the existing record: no second row, no second object", async () => {
    const bytes = await makeTestPng();
    const first = await ingestImage(deps, { bytes, source: "api", metadata: {} });
    const again = await ingestImage(deps, { bytes, source: "api", metadata: { prompt: "ignored" } });
    expect(again.ok && again.value.duplicate).toBe(true);
    expect(again.ok && again.value.image.id).toBe(first.ok && first.value.image.id);
    expect(await rowCount(sha256(bytes))).toBe(1);
  });

  it("stores 20 concurrent posts of the same bytes exactly once", async () => {
    const bytes = await makeTestPng({ width: 300, height: 300 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => ingestImage(deps, { bytes, source: "api", metadata: {} })),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(results.filter((result) => result.ok && !result.value.duplicate)).toHaveLength(1);
    expect(new Set(results.map((result) => result.ok && result.value.image.id)).size).toBe(1);
    expect(await rowCount(sha256(bytes))).toBe(1);
    expect(await keysUnder(context.storage, originalKey(sha256(bytes), "png"))).toHaveLength(1);
  });

  it.each([
    ["an empty body", async () => new Uint8Array(), "invalid_request"],
    [
      "a text file named .png",
      async () => new TextEncoder().encode("hello, I am not a PNG\n"),
      "unsupported_media_type",
    ],
    [
      "a truncated PNG",
      async () => (await makeTestPng({ width: 200, height: 200 })).subarray(0, 3000),
      "invalid_image",
    ],
    ["a 30000×30000 PNG bomb", () => makePngBomb(30_000), "payload_too_large"],
  ])("refuses %s and stores nothing", async (_name, makeBytes, code) => {
    const bytes = await makeBytes();
    const result = await ingestImage(deps, { bytes, source: "api", metadata: {} });
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (bytes.length > 0) {
      expect(await rowCount(sha256(bytes))).toBe(0);
      expect(await keysUnder(context.storage, `variants/${sha256(bytes)}`)).toEqual([]);
      expect(
        await keysUnder(context.storage, `originals/${sha256(bytes).slice(0, 2)}/${sha256(bytes)}`),
      ).toEqual([]);
    }
  });

  it("reads stealth metadata hidden in the pixels, plain and rotated files alike", async () => {
    const size = { width: 96, height: 80 };
    const hidden = "a hidden lighthouse\nSteps: 9, Seed: 77, Size: 96x80";
    const rgba = embedStealthAlpha(randomPixels(size), size, hidden, "stealth_pnginfo");
    const plain = await sharp(rgba, { raw: { ...size, channels: 4 } })
      .png()
      .toBuffer();
    // EXIF orientation 6: the pixels are read as stored, not as displayed.
    const rotated = await sharp(rgba, { raw: { ...size, channels: 4 } })
      .withMetadata({ orientation: 6 })
      .png()
      .toBuffer();
    for (const bytes of [plain, rotated]) {
      const stored = await ingestImage(deps, { bytes: new Uint8Array(bytes), metadata: {}, source: "api" });
      if (!stored.ok) throw new Error(stored.error.message);
      expect(stored.value.image).toMatchObject({ prompt: "a hidden lighthouse", seed: "77", steps: 9 });
    }
  });

  it("refuses a file over the byte limit before decoding it", async () => {
    const bytes = await makeTestPng();
    const result = await ingestImage(
      { ...deps, limits: { ...deps.limits, maxUploadBytes: 100 } },
      { bytes, source: "api", metadata: {} },
    );
    expect(result).toMatchObject({ ok: false, error: { code: "payload_too_large" } });
  });
});

describe("ingestImage when a dependency fails before commit", () => {
  it("answers storage_unavailable with no row when the S3 server is down, and leaves no orphan after restart", async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), "lightbox-ingest-s3-"));
    afterAll(() => rm(directory, { recursive: true, force: true }));
    const port = await findFreePort();
    const server = await startS3Server({ directory, port, bucket: "ingest-down" });
    const storage = {
      client: createS3Client({ ...context.config.s3, endpoint: server.endpoint }),
      bucket: "ingest-down",
    };
    await server.stop();

    const bytes = await makeTestPng();
    const result = await ingestImage({ ...deps, storage }, { bytes, source: "api", metadata: {} });
    expect(result).toMatchObject({ ok: false, error: { code: "storage_unavailable" } });
    expect(JSON.stringify(result)).not.toContain("ingest-down");
    expect(await rowCount(sha256(bytes))).toBe(0);

    const restarted = await startS3Server({ directory, port, bucket: "ingest-down" });
    expect(await keysUnder(storage, "")).toEqual([]);
    await restarted.stop();
  });

  it("removes the objects it created when the database fails after the put", async () => {
    const bytes = await makeTestPng({ width: 1800, height: 900 });
    await failImageInserts(async () => {
      const result = await ingestImage(deps, { bytes, source: "api", metadata: {} });
      expect(result).toMatchObject({ ok: false, error: { code: "internal_error" } });
    });
    expect(await rowCount(sha256(bytes))).toBe(0);
    expect(
      await keysUnder(context.storage, `originals/${sha256(bytes).slice(0, 2)}/${sha256(bytes)}`),
    ).toEqual([]);
    expect(await keysUnder(context.storage, `variants/${sha256(bytes)}/`)).toEqual([]);
  });

  it("puts over an orphan at its key (no HEAD first) and, when the commit fails, removes it with the rest", async () => {
    // No row names these bytes, and the claim keeps any from appearing: what sits at the key is an orphan.
    const bytes = await makeTestPng();
    const key = originalKey(sha256(bytes), "png");
    const put = await putObject(context.storage, { key, body: bytes, contentType: "image/png" });
    expect(put.ok).toBe(true);
    await failImageInserts(async () => {
      expect((await ingestImage(deps, { bytes, source: "api", metadata: {} })).ok).toBe(false);
    });
    expect((await headObject(context.storage, key)).ok).toBe(false);
    expect(await keysUnder(context.storage, `variants/${sha256(bytes)}/`)).toEqual([]);
  });

  it("repairs a row whose original is missing, and a failed repair removes nothing its row names", async () => {
    const bytes = await makeTestPng({ width: 1800, height: 900 });
    const first = await ingestImage(deps, { bytes, source: "api", metadata: {} });
    if (!first.ok) throw new Error(first.error.message);
    await runImageJobs(context);
    const derived = await getImage(context, first.value.image.id);
    if (!derived.ok) throw new Error(derived.error.message);
    const image = derived.value;
    expect(image.variants.length).toBeGreaterThan(0);
    await deleteObject(context.storage, image.object_key);
    await context.db.update(images).set({ objectState: "missing" }).where(eq(images.id, image.id));

    await failImageUpdates(async () => {
      expect((await ingestImage(deps, { bytes, source: "api", metadata: {} })).ok).toBe(false);
    });
    for (const variant of image.variants) {
      expect((await headObject(context.storage, variant.object_key)).ok).toBe(true);
    }
    const [row] = await context.db.select().from(images).where(eq(images.id, image.id));
    expect(row?.objectState).toBe("missing");

    const repaired = await ingestImage(deps, { bytes, source: "api", metadata: {} });
    expect(repaired.ok && repaired.value).toMatchObject({
      duplicate: true,
      image: { id: image.id, object_state: "present", variants: expect.any(Array) },
    });
    const stored = await getObjectBytes(context.storage, image.object_key);
    expect(stored.ok && sha256(stored.value)).toBe(sha256(bytes));
  });
});

/** A real database failure after the objects are put: a trigger that rejects image rows. */
function failImageInserts(work: () => Promise<void>): Promise<void> {
  return withImagesTrigger("insert", work);
}

/** The same for the repair path, whose commit updates the row. */
function failImageUpdates(work: () => Promise<void>): Promise<void> {
  return withImagesTrigger("update", work);
}

async function withImagesTrigger(event: "insert" | "update", work: () => Promise<void>): Promise<void> {
  await context.db.execute(sql`create or replace function reject_images() returns trigger language plpgsql as
    $$ begin raise exception 'simulated database failure'; end $$`);
  await context.db.execute(
    sql.raw(
      `create trigger reject_images before ${event} on images for each row execute function reject_images()`,
    ),
  );
  try {
    await work();
  } finally {
    await context.db.execute(sql`drop trigger reject_images on images`);
  }
}

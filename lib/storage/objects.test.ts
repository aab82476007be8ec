import { createHash, randomBytes } from "node:crypto";
import net from "node:net";
import { Readable } from "node:stream";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { findFreePort } from "@/lib/local-stack/ports";
import { createTestContext } from "@/lib/testing/test-context";
import { originalKey, STAGING_PREFIX, variantKey } from "./keys";
import { deleteObject, getObjectBytes, getObjectStream, headObject, listObjects, putObject } from "./objects";
import { createS3Client } from "./s3-client";
import { createStorage, type Storage } from "./storage";

const context = await createTestContext();
const storage = createStorage(context.config);
const IMMUTABLE = "public, max-age=31536000, immutable";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const freshImage = () => {
  const bytes = randomBytes(1024);
  return { bytes, sha: sha256(bytes) };
};

async function storedHeaders(key: string) {
  const head = await storage.client.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: key }));
  return { contentType: head.ContentType, cacheControl: head.CacheControl, size: head.ContentLength };
}

describe("objects against the real S3 server", () => {
  it("puts, heads, gets and deletes an original, with the design's headers", async () => {
    const { bytes, sha } = freshImage();
    const key = originalKey(sha, "png");

    const put = await putObject(storage, { key, body: bytes, contentType: "image/png", sha256Hex: sha });
    expect(put).toMatchObject({ ok: true, value: { etag: expect.stringMatching(/^[0-9a-f]{32}$/) } });
    expect(await storedHeaders(key)).toEqual({
      contentType: "image/png",
      cacheControl: IMMUTABLE,
      size: 1024,
    });

    const head = await headObject(storage, key);
    expect(head).toEqual({
      ok: true,
      value: {
        byteSize: 1024,
        contentType: "image/png",
        etag: put.ok ? put.value.etag : "",
        lastModified: expect.any(Date),
      },
    });
    const got = await getObjectBytes(storage, key);
    expect(got.ok && Buffer.from(got.value).equals(bytes)).toBe(true);

    expect(await deleteObject(storage, key)).toEqual({ ok: true, value: undefined });
    expect(await headObject(storage, key)).toMatchObject({ ok: false, error: { code: "not_found" } });
    // Idempotent: the second delete of the same key is still ok.
    expect(await deleteObject(storage, key)).toEqual({ ok: true, value: undefined });
  });

  it("stores a streamed put of 300,000 random bytes byte-exact", async () => {
    const bytes = randomBytes(300_000);
    const key = originalKey(sha256(bytes), "png");
    // Small chunks, as a request body or file stream would arrive.
    const chunks = Array.from({ length: 30 }, (_, index) =>
      bytes.subarray(index * 10_000, (index + 1) * 10_000),
    );
    const put = await putObject(storage, {
      key,
      body: Readable.from(chunks),
      contentType: "image/png",
      contentLength: bytes.length,
    });
    expect(put.ok).toBe(true);

    const got = await getObjectStream(storage, key);
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value).toMatchObject({ byteSize: 300_000, contentType: "image/png" });
    const hash = createHash("sha256");
    for await (const chunk of got.value.body) hash.update(chunk);
    expect(hash.digest("hex")).toBe(sha256(bytes));
  });

  it("buffers a stream of unknown length and stores it byte-exact", async () => {
    const bytes = randomBytes(70_000);
    const key = variantKey(sha256(bytes), "preview");
    const put = await putObject(storage, { key, body: Readable.from([bytes]), contentType: "image/webp" });
    expect(put.ok).toBe(true);
    const got = await getObjectBytes(storage, key);
    expect(got.ok && sha256(got.value)).toBe(sha256(bytes));
  });

  it("sends a checksum only when the storage says the store takes one", async () => {
    // s3rver ignores x-amz-checksum-sha256 either way; this proves the header does not break the put.
    expect(storage.sendChecksums).toBe(false);
    const { bytes, sha } = freshImage();
    const withChecksums: Storage = { ...storage, sendChecksums: true };
    const put = await putObject(withChecksums, {
      key: originalKey(sha, "webp"),
      body: bytes,
      contentType: "image/webp",
      sha256Hex: sha,
    });
    expect(put.ok).toBe(true);
    await expect(
      putObject(storage, { key: "x", body: bytes, contentType: "image/webp", sha256Hex: "nope" }),
    ).rejects.toThrow(/sha256Hex/);
  });

  it("signs the declared sha256 as the payload hash instead of hashing the body again", async () => {
    const { bytes, sha } = freshImage();
    // Another body's hash: proves the signer took the declared one (a store that checks would refuse this put).
    const declared = freshImage().sha;
    const client = createS3Client(context.config.s3);
    const signed: string[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        const headers = (args.request as { headers: Record<string, string> }).headers;
        signed.push(headers["x-amz-content-sha256"] ?? "", headers.authorization ?? "");
        return next(args);
      },
      { step: "finalizeRequest", priority: "low" },
    );
    const probe: Storage = { client, bucket: storage.bucket };
    const key = variantKey(sha, "thumb");
    expect(
      (await putObject(probe, { key, body: bytes, contentType: "image/webp", sha256Hex: declared })).ok,
    ).toBe(true);
    expect(signed[0]).toBe(declared);
    expect(signed[1]).toContain("x-amz-content-sha256");
    signed.length = 0;
    expect((await putObject(probe, { key, body: bytes, contentType: "image/webp" })).ok).toBe(true);
    expect(signed[0]).toBe(sha);
    client.destroy();
  });

  it("lists every object under a prefix across pages", async () => {
    const prefix = `${STAGING_PREFIX}list-${randomBytes(4).toString("hex")}`;
    const keys = Array.from({ length: 5 }, (_, index) => `${prefix}-${index}aaaaaaaa`);
    for (const key of keys)
      await putObject(storage, { key, body: Buffer.from(key), contentType: "text/plain" });

    const listed = [];
    for await (const object of listObjects(storage, prefix, { pageSize: 2 })) listed.push(object);
    expect(listed.map((object) => object.key)).toEqual(keys);
    expect(listed[0]).toEqual({ key: keys[0], byteSize: keys[0]?.length, lastModified: expect.any(Date) });
  });

  it("answers not_found for a missing key on head and get", async () => {
    const key = variantKey(freshImage().sha, "thumb");
    for (const result of [
      await headObject(storage, key),
      await getObjectBytes(storage, key),
      await getObjectStream(storage, key),
    ]) {
      expect(result).toEqual({
        ok: false,
        error: { code: "not_found", message: "The object does not exist." },
      });
    }
  });

  it("works with a bare { client, bucket } storage (defaults filled in)", async () => {
    const { bytes, sha } = freshImage();
    const key = originalKey(sha, "gif");
    expect((await putObject(context.storage, { key, body: bytes, contentType: "image/gif" })).ok).toBe(true);
    expect(await headObject(context.storage, key)).toMatchObject({ ok: true, value: { byteSize: 1024 } });
  });
});

describe("objects when the store is down", () => {
  it("answers storage_unavailable within 3 s when nothing listens, naming neither bucket nor endpoint", async () => {
    const endpoint = `http://127.0.0.1:${await findFreePort()}`;
    const down: Storage = {
      client: createS3Client({ ...context.config.s3, endpoint }),
      bucket: storage.bucket,
    };
    const started = Date.now();
    const put = await putObject(down, { key: "k/eeeeeeee", body: randomBytes(10), contentType: "image/png" });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(put).toMatchObject({
      ok: false,
      error: { code: "storage_unavailable", details: { reason: "network" } },
    });
    expect(JSON.stringify(put)).not.toContain(storage.bucket);
    expect(JSON.stringify(put)).not.toContain(endpoint);
    down.client.destroy();
  });

  it("answers storage_unavailable when the store accepts connections but never answers", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    const port = await findFreePort();
    await new Promise<void>((resolve) => silent.listen(port, "127.0.0.1", resolve));
    const hung: Storage = {
      client: createS3Client({ ...context.config.s3, endpoint: `http://127.0.0.1:${port}` }),
      bucket: storage.bucket,
      timeouts: { metadataMs: 500, transferMs: 500 },
    };
    const started = Date.now();
    expect(await headObject(hung, "k")).toMatchObject({
      ok: false,
      error: { code: "storage_unavailable", details: { reason: "timeout" } },
    });
    expect(await getObjectStream(hung, "k")).toMatchObject({
      ok: false,
      error: { code: "storage_unavailable" },
    });
    expect(Date.now() - started).toBeLessThan(3000);
    // A small put gets the metadata budget plus time for its bytes, not the whole transfer budget.
    const slowTransfers: Storage = { ...hung, timeouts: { metadataMs: 500, transferMs: 20_000 } };
    const putStarted = Date.now();
    expect(
      await putObject(slowTransfers, { key: "k", body: randomBytes(64 * 1024), contentType: "image/webp" }),
    ).toMatchObject({ ok: false, error: { code: "storage_unavailable", details: { reason: "timeout" } } });
    expect(Date.now() - putStarted).toBeLessThan(3000);
    for (const socket of sockets) socket.destroy();
    silent.close();
    hung.client.destroy();
  });
});

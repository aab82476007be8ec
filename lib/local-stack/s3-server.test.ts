// The zero-config object store: the CORS that is all that keeps other web pages out of it (it checks no signature),
// and the HeadBucket every health check asks.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createS3Client, isBucketReachable } from "@/lib/storage/s3-client";
import { findFreePort } from "./ports";
import { type RunningS3, startS3Server } from "./s3-server";

const APP_ORIGIN = "http://localhost:3999";
let scratch: string;
let server: RunningS3;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-s3-cors-"));
  server = await startS3Server({
    directory: scratch,
    port: await findFreePort(),
    bucket: "cors",
    appOrigin: APP_ORIGIN,
  });
});
afterAll(async () => {
  await server?.stop();
  await rm(scratch, { recursive: true, force: true });
});

const preflight = (origin: string, method: string) =>
  fetch(`${server.endpoint}/cors/some-key`, {
    method: "OPTIONS",
    headers: { Origin: origin, "Access-Control-Request-Method": method },
  });

describe("the local S3 server's CORS", () => {
  it("lets the app's own pages PUT and GET", async () => {
    for (const method of ["PUT", "GET"]) {
      const response = await preflight(APP_ORIGIN, method);
      expect(response.status, method).toBe(200);
      expect(response.headers.get("access-control-allow-methods")).toContain(method);
      // The app's exact origin, never "*" (s3rver's own answer), and an answer that varies by Origin.
      expect(response.headers.get("access-control-allow-origin"), method).toBe(APP_ORIGIN);
      expect(response.headers.get("vary"), method).toMatch(/\bOrigin\b/);
    }
    const listing = await fetch(`${server.endpoint}/cors`, { headers: { Origin: APP_ORIGIN } });
    expect(listing.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(listing.headers.get("vary")).toMatch(/\bOrigin\b/);
  });

  it("lets no other web page in, and the app no method it does not use", async () => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      const response = await preflight("http://evil.example", method);
      expect(response.status, method).toBe(403);
      expect(response.headers.get("access-control-allow-origin"), method).toBeNull();
    }
    const deletion = await preflight(APP_ORIGIN, "DELETE");
    expect(deletion.status).toBe(403);
    expect(deletion.headers.get("access-control-allow-origin")).toBeNull();
    const listing = await fetch(`${server.endpoint}/cors`, { headers: { Origin: "http://evil.example" } });
    expect(listing.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses a cross-site form upload, which needs no preflight", async () => {
    const form = new FormData();
    form.set("key", "planted.txt");
    form.set("file", new Blob(["planted"]), "planted.txt");
    const response = await fetch(`${server.endpoint}/cors`, {
      method: "POST",
      headers: { Origin: "http://evil.example" },
      body: form,
    });
    expect(response.status).toBe(403);
    const planted = await fetch(`${server.endpoint}/cors/planted.txt`);
    expect(planted.status).not.toBe(200);
  });
});

describe("the local S3 server's HeadBucket", () => {
  it("answers from the bucket alone, as S3 does, not from a listing of its objects", async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), "lightbox-s3-head-"));
    const heads = await startS3Server({ directory, port: await findFreePort(), bucket: "heads" });
    try {
      const client = createS3Client({ ...heads, forcePathStyle: true });
      await client.send(new PutObjectCommand({ Bucket: "heads", Key: "a/broken.txt", Body: "bytes" }));
      // One object whose metadata file cannot be read: a listing fails on it (s3rver answers HeadBucket with one).
      await writeFile(path.join(directory, "heads", "a", "broken.txt._S3rver_metadata.json"), "{not json");
      expect((await fetch(`${heads.endpoint}/heads`)).status).toBe(500);

      expect(await isBucketReachable({ client, bucket: "heads" }, 5000)).toBe(true);
      expect(await isBucketReachable({ client, bucket: "no-such-bucket" }, 5000)).toBe(false);
      const head = await fetch(`${heads.endpoint}/heads`, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect((await fetch(`${heads.endpoint}/no-such-bucket/`, { method: "HEAD" })).status).toBe(404);
      // An object's HEAD is still s3rver's own, and so is a path that is no bucket name (not a 500).
      expect((await fetch(`${heads.endpoint}/heads/a/missing.txt`, { method: "HEAD" })).status).toBe(404);
      expect((await fetch(`${heads.endpoint}/%E0%A4%A`, { method: "HEAD" })).status).toBe(404);
    } finally {
      await heads.stop();
      await rm(directory, { recursive: true, force: true });
    }
  });
});

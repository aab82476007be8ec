import { createHash, createVerify, generateKeyPairSync, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Config } from "@/lib/config";
import { createTestContext } from "@/lib/testing/test-context";
import { variantKey } from "./keys";
import { signGetUrl } from "./signing";
import { createStorage, type Storage } from "./storage";

const context = await createTestContext();
const TTL = context.config.signedUrlTtlSeconds;
const WINDOW_START = new Date("2030-01-01T00:00:00Z");
const CDN_URL = "https://cdn.example.test";
const KEY_PAIR_ID = "K2JCJMDEHXQW5F";
const { privateKey, publicKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

const freshKey = () => variantKey(createHash("sha256").update(randomBytes(16)).digest("hex"), "thumb");
const cdnStorage = (cdn: Config["cdn"]): Storage => createStorage({ ...context.config, cdn });
const signedCdn = () => cdnStorage({ url: CDN_URL, keyPairId: KEY_PAIR_ID, privateKey });

/** Checks a canned-policy CloudFront URL the way CloudFront does: rebuild the policy, verify with the public key. */
function verifyCloudFront(signed: string): { resource: string; expires: number } {
  const url = new URL(signed);
  const expires = Number(url.searchParams.get("Expires"));
  expect(url.searchParams.get("Key-Pair-Id")).toBe(KEY_PAIR_ID);
  // CloudFront's URL-safe base64: "-" for "+", "_" for "=", "~" for "/".
  const signature = (url.searchParams.get("Signature") ?? "").replace(/[-_~]/g, (c) =>
    c === "-" ? "+" : c === "_" ? "=" : "/",
  );
  const resource = signed.slice(0, signed.indexOf(signed.includes("&Expires=") ? "&Expires=" : "?Expires="));
  const policy = JSON.stringify({
    Statement: [{ Resource: resource, Condition: { DateLessThan: { "AWS:EpochTime": expires } } }],
  });
  expect(createVerify("RSA-SHA1").update(policy).verify(publicKey, signature, "base64")).toBe(true);
  return { resource, expires };
}

describe("CloudFront signed URLs", () => {
  it("carry a signature the public key verifies over the canned policy, expiring at window start + ttl", async () => {
    const key = freshKey();
    const signed = await signGetUrl(signedCdn(), key, { now: new Date(WINDOW_START.getTime() + 60_000) });
    expect(verifyCloudFront(signed)).toEqual({
      resource: `${CDN_URL}/${key}`,
      expires: WINDOW_START.getTime() / 1000 + TTL,
    });
  });

  it("are identical within a window and differ in the next", async () => {
    const key = freshKey();
    const at = (minutes: number) => new Date(WINDOW_START.getTime() + minutes * 60_000);
    const first = await signGetUrl(signedCdn(), key, { now: at(1) });
    expect(await signGetUrl(signedCdn(), key, { now: at(29) })).toBe(first);
    const next = await signGetUrl(signedCdn(), key, { now: at(31) });
    expect(next).not.toBe(first);
    expect(verifyCloudFront(next).expires).toBe(WINDOW_START.getTime() / 1000 + 1800 + TTL);
  });

  it("sign the download name into the resource and accept a PEM with literal \\n", async () => {
    const escaped = cdnStorage({
      url: CDN_URL,
      keyPairId: KEY_PAIR_ID,
      privateKey: privateKey.replace(/\n/g, "\\n"),
    });
    const key = freshKey();
    const signed = await signGetUrl(escaped, key, { now: WINDOW_START, downloadName: "cat.png" });
    expect(verifyCloudFront(signed).resource).toBe(
      `${CDN_URL}/${key}?response-content-disposition=attachment%3B%20filename%3D%22cat.png%22%3B%20filename%2A%3DUTF-8%27%27cat.png`,
    );
  });
});

describe("plain CDN URLs", () => {
  it("are the CDN URL and the key, whatever the time", async () => {
    const plain = cdnStorage({ url: CDN_URL });
    const key = freshKey();
    expect(await signGetUrl(plain, key)).toBe(`${CDN_URL}/${key}`);
    expect(await signGetUrl(plain, key, { now: WINDOW_START, downloadName: "x.png" })).toBe(
      `${CDN_URL}/${key}`,
    );
  });
});

describe("signing cost", () => {
  it.each([
    ["S3 presigned", () => createStorage(context.config), 200],
    // One 2048-bit RSA signature per URL (~1 ms here): the memo makes repeats free, the first page is not.
    ["CloudFront", signedCdn, 2000],
    ["plain CDN", () => cdnStorage({ url: CDN_URL }), 200],
  ] as const)("signs 100 thumbnail URLs: %s", async (mode, makeStorage, boundMs) => {
    const storage = makeStorage();
    await signGetUrl(storage, freshKey()); // endpoint probe and key parsing happen once per storage
    const keys = Array.from({ length: 100 }, freshKey);

    let started = performance.now();
    for (const key of keys) await signGetUrl(storage, key);
    const coldMs = performance.now() - started;
    started = performance.now();
    for (const key of keys) await signGetUrl(storage, key);
    const memoizedMs = performance.now() - started;

    console.info(`${mode}: 100 URLs in ${coldMs.toFixed(2)} ms, again in ${memoizedMs.toFixed(2)} ms`);
    expect(coldMs).toBeLessThan(boundMs);
    expect(memoizedMs).toBeLessThan(200);
  });
});

import { createHash, createHmac, randomBytes } from "node:crypto";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import type { Config } from "@/lib/config";
import { createTestContext } from "@/lib/testing/test-context";
import { originalKey, stagingKey, variantKey } from "./keys";
import { headObject, putObject } from "./objects";
import { signGetUrl, signPutUrl } from "./signing";
import { createStorage } from "./storage";

const context = await createTestContext();
const storage = createStorage(context.config);
const TTL = context.config.signedUrlTtlSeconds; // 3600: windows of 30 min
const WINDOW_START = new Date("2030-01-01T00:00:00Z"); // aligned to a 30-min window

const freshSha = () => createHash("sha256").update(randomBytes(16)).digest("hex");

/**
 * SigV4 query-string presigning written from the AWS spec ("Authenticating Requests: Using Query
 * Parameters"), node:crypto only, no caching and nothing shared with lib/storage. Matching it proves we
 * feed the signer the right inputs (host, path, query, date, scope, signed headers). It proves nothing
 * about a server: s3rver checks only expiry and the access key id, never the signature.
 */
function referencePresign(input: {
  method: string;
  origin: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  date: Date;
  expiresSeconds: number;
}): string {
  const encode = (value: string) =>
    encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();
  const amzDate = `${input.date.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
  const scope = `${amzDate.slice(0, 8)}/${input.region}/s3/aws4_request`;
  const headerNames = Object.keys(input.headers).sort();
  const query: Record<string, string> = {
    ...input.query,
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Credential": `${input.accessKeyId}/${scope}`,
    "X-Amz-Date": amzDate,
    "X-Amz-Expires": String(input.expiresSeconds),
    "X-Amz-SignedHeaders": headerNames.join(";"),
  };
  const queryString = (entries: Record<string, string>) =>
    Object.entries(entries)
      .map(([name, value]) => `${encode(name)}=${encode(value)}`)
      .sort()
      .join("&");
  const canonicalRequest = [
    input.method,
    input.path,
    queryString(query),
    headerNames.map((name) => `${name}:${input.headers[name]?.trim()}\n`).join(""),
    headerNames.join(";"),
    "UNSIGNED-PAYLOAD",
  ].join("\n");
  const stringToSign = [
    "AWS4-HMAC-SHA256",
    amzDate,
    scope,
    createHash("sha256").update(canonicalRequest).digest("hex"),
  ].join("\n");
  let key = hmac(`AWS4${input.secretAccessKey}`, amzDate.slice(0, 8));
  for (const part of [input.region, "s3", "aws4_request"]) key = hmac(key, part);
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  return `${input.origin}${input.path}?${queryString({ ...query, "X-Amz-Signature": signature })}`;
}

async function putImage(contentType: string) {
  const bytes = randomBytes(2048);
  const key = variantKey(freshSha(), "thumb");
  const put = await putObject(storage, { key, body: bytes, contentType });
  if (!put.ok) throw new Error(put.error.message);
  return { key, bytes };
}

describe("the reference SigV4 implementation", () => {
  it("reproduces the AWS documentation's presigned GET example", () => {
    const url = referencePresign({
      method: "GET",
      origin: "https://examplebucket.s3.amazonaws.com",
      path: "/test.txt",
      query: {},
      headers: { host: "examplebucket.s3.amazonaws.com" },
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      region: "us-east-1",
      date: new Date("2013-05-24T00:00:00Z"),
      expiresSeconds: 86_400,
    });
    expect(new URL(url).searchParams.get("X-Amz-Signature")).toBe(
      "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
    );
  });
});

describe("S3 presigned GET URLs", () => {
  it("serve the exact bytes with the stored Content-Type to plain fetch", async () => {
    const { key, bytes } = await putImage("image/webp");
    const response = await fetch(await signGetUrl(storage, key));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("ask for a download with the given file name", async () => {
    const { key } = await putImage("image/png");
    const response = await fetch(await signGetUrl(storage, key, { downloadName: 'cat "ünï".png' }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="cat __n__.png"; filename*=UTF-8''cat%20%22%C3%BCn%C3%AF%22.png`,
    );
  });

  it("are refused once expired (s3rver checks expiry: 403)", async () => {
    const { key } = await putImage("image/webp");
    const url = await signGetUrl(storage, key, { now: new Date(Date.now() - 2 * TTL * 1000) });
    expect((await fetch(url)).status).toBe(403);
  });

  it("are identical within a window, differ in the next, and stay valid at least ttl/2", async () => {
    const key = variantKey(freshSha(), "thumb");
    const at = (minutes: number) => new Date(WINDOW_START.getTime() + minutes * 60_000);
    const first = await signGetUrl(storage, key, { now: at(0) });
    // A second Storage has its own memo: equality comes from the aligned signing time, not the cache.
    expect(await signGetUrl(createStorage(context.config), key, { now: at(29.9) })).toBe(first);
    expect(await signGetUrl(storage, key, { now: at(30) })).not.toBe(first);

    const params = new URL(first).searchParams;
    expect(params.get("X-Amz-Date")).toBe("20300101T000000Z");
    expect(params.get("X-Amz-Expires")).toBe(String(TTL));
  });

  it("equal the SDK's getSignedUrl byte for byte", async () => {
    const key = originalKey(freshSha(), "png");
    const sdk = await getSignedUrl(
      storage.client,
      new GetObjectCommand({ Bucket: storage.bucket, Key: key }),
      {
        signingDate: WINDOW_START,
        expiresIn: TTL,
      },
    );
    expect(await signGetUrl(storage, key, { now: WINDOW_START })).toBe(sdk);
  });

  it("equal getSignedUrl with temporary credentials and a download name too", async () => {
    const key = originalKey(freshSha(), "png");
    const { s3 } = context.config;
    const client = new S3Client({
      region: s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: {
        accessKeyId: "ASIAEXAMPLE",
        secretAccessKey: "secret",
        sessionToken: "token/with+special=",
      },
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    const command = new GetObjectCommand({
      Bucket: storage.bucket,
      Key: key,
      ResponseContentDisposition: `attachment; filename="a b.png"; filename*=UTF-8''a%20b.png`,
    });
    const sdk = await getSignedUrl(client, command, { signingDate: WINDOW_START, expiresIn: TTL });
    const ours = await signGetUrl({ client, bucket: storage.bucket }, key, {
      now: WINDOW_START,
      downloadName: "a b.png",
    });
    expect(ours).toBe(sdk);
    expect(new URL(ours).searchParams.get("X-Amz-Security-Token")).toBe("token/with+special=");
    client.destroy();
  });

  it("match an independent SigV4 computation, path style and virtual-host style", async () => {
    const key = originalKey(freshSha(), "png");
    const { s3 } = context.config;
    const common = {
      method: "GET",
      // X-Amz-Content-Sha256 and x-id are what the SDK adds to every presigned GET; we keep them.
      query: { "X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD", "x-id": "GetObject" },
      date: WINDOW_START,
      expiresSeconds: TTL,
    };
    const local = new URL(s3.endpoint ?? "");
    expect(await signGetUrl(storage, key, { now: WINDOW_START })).toBe(
      referencePresign({
        ...common,
        origin: local.origin,
        path: `/${storage.bucket}/${key}`,
        headers: { host: local.host },
        accessKeyId: s3.accessKeyId ?? "",
        secretAccessKey: s3.secretAccessKey ?? "",
        region: s3.region,
      }),
    );

    // AWS itself: no endpoint, so virtual-host style in the bucket's region. Signing needs no network.
    const aws = createStorage(withS3({ endpoint: undefined, forcePathStyle: false, region: "eu-west-1" }));
    const host = `${storage.bucket}.s3.eu-west-1.amazonaws.com`;
    expect(await signGetUrl(aws, key, { now: WINDOW_START })).toBe(
      referencePresign({
        ...common,
        origin: `https://${host}`,
        path: `/${key}`,
        headers: { host },
        accessKeyId: s3.accessKeyId ?? "",
        secretAccessKey: s3.secretAccessKey ?? "",
        region: "eu-west-1",
      }),
    );
    expect(aws.sendChecksums).toBe(true);
  });

  it("are signed for S3_PUBLIC_ENDPOINT when it is set", async () => {
    const split = createStorage(
      withS3({ endpoint: "http://minio:9000", publicEndpoint: "http://localhost:9000" }),
    );
    const url = new URL(await signGetUrl(split, "variants/x/thumb.webp", { now: WINDOW_START }));
    expect(url.origin).toBe("http://localhost:9000");
    expect(url.pathname).toBe(`/${storage.bucket}/variants/x/thumb.webp`);
  });

  it("refuse a tampered URL where the store verifies signatures", async () => {
    const { key } = await putImage("image/webp");
    const url = await signGetUrl(storage, key);
    const tampered = url.replace(
      /X-Amz-Signature=([0-9a-f])/,
      (_, c) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`,
    );
    expect(tampered).not.toBe(url);
    // The embedded s3rver verifies no signature (it would answer 200), so only a real S3/MinIO/R2 from
    // TEST_S3_ENDPOINT can prove this; the independent SigV4 test above covers what we can check here.
    if (context.stack.s3.verifiesSignatures) expect((await fetch(tampered)).status).toBe(403);
  });
});

describe("S3 presigned PUT URLs", () => {
  it("sign Content-Type and Content-Length, matching an independent SigV4 computation", async () => {
    const key = stagingKey(`put-${freshSha().slice(0, 20)}`);
    const { s3 } = context.config;
    const local = new URL(s3.endpoint ?? "");
    const url = await signPutUrl(storage, key, {
      contentType: "image/png",
      contentLength: 4096,
      expiresInSeconds: 900,
      now: WINDOW_START,
    });
    expect(url).toBe(
      referencePresign({
        method: "PUT",
        origin: local.origin,
        path: `/${storage.bucket}/${key}`,
        query: { "X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD", "x-id": "PutObject" },
        headers: { host: local.host, "content-type": "image/png", "content-length": "4096" },
        accessKeyId: s3.accessKeyId ?? "",
        secretAccessKey: s3.secretAccessKey ?? "",
        region: s3.region,
        date: WINDOW_START,
        expiresSeconds: 900,
      }),
    );
  });

  it("accept the upload from plain fetch and store its type and size", async () => {
    const key = stagingKey(`put-${freshSha().slice(0, 20)}`);
    const body = randomBytes(4096);
    const options = { contentType: "image/png", contentLength: body.length, expiresInSeconds: 900 };
    const url = await signPutUrl(storage, key, options);
    const response = await fetch(url, { method: "PUT", body, headers: { "content-type": "image/png" } });
    expect(response.status).toBe(200);
    expect(await headObject(storage, key)).toMatchObject({
      ok: true,
      value: { byteSize: 4096, contentType: "image/png" },
    });
    // s3rver cannot refuse a different type or size (it verifies no signature); a verifying store must.
    if (context.stack.s3.verifiesSignatures) {
      const wrongType = await fetch(url, { method: "PUT", body, headers: { "content-type": "text/html" } });
      expect(wrongType.status).toBe(403);
    }
  });
});

function withS3(s3: Partial<Config["s3"]>): Config {
  return { ...context.config, s3: { ...context.config.s3, ...s3 } };
}

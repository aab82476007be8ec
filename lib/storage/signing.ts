import "server-only";
import { createPrivateKey, type KeyObject } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl as signCloudFrontUrl } from "@aws-sdk/cloudfront-signer";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { escapeUri, presignGet } from "./presign-get";
import type { Storage } from "./storage";

const DEFAULT_TTL_SECONDS = 3600;
// SigV4 refuses presigned URLs valid for more than a week.
const MAX_TTL_SECONDS = 7 * 24 * 3600;
// Bounds the per-window memo; a gallery page signs ~100, so this is many pages of distinct images.
const MAX_MEMO_ENTRIES = 20_000;

type SigningState = { windowStart: number; urls: Map<string, string>; cloudFrontKey?: KeyObject };
const states = new WeakMap<Storage, SigningState>();

/**
 * A URL the browser can GET `key` from: a CloudFront signed URL when the CDN has a key pair, the plain CDN
 * URL for a public CDN, else an S3 presigned GET (signed for S3_PUBLIC_ENDPOINT when set).
 *
 * Signed URLs are window-aligned: the signing time is `now` floored to a window of ttl/2, so every call in
 * one window returns the same string (browser and CDN caches keep working) and a URL handed out stays valid
 * for at least ttl/2. Results are memoized for the current window.
 */
export async function signGetUrl(
  storage: Storage,
  key: string,
  options: { now?: Date; downloadName?: string } = {},
): Promise<string> {
  const cdn = storage.cdn;
  // Only a signed origin honours response-content-disposition; S3 refuses it on anonymous requests.
  if (cdn && !(cdn.keyPairId && cdn.privateKey)) return `${cdn.url}/${encodeKey(key)}`;

  const ttlSeconds = Math.min(storage.ttlSeconds ?? DEFAULT_TTL_SECONDS, MAX_TTL_SECONDS);
  const windowMs = Math.floor(ttlSeconds / 2) * 1000;
  const windowStart = Math.floor((options.now ?? new Date()).getTime() / windowMs) * windowMs;
  const state = stateFor(storage, windowStart);
  const memoKey = options.downloadName === undefined ? key : `${key}\n${options.downloadName}`;
  const memoized = state.urls.get(memoKey);
  if (memoized) return memoized;

  const contentDisposition =
    options.downloadName === undefined ? undefined : attachment(options.downloadName);
  let url: string;
  if (cdn?.keyPairId && cdn.privateKey) {
    state.cloudFrontKey ??= parsePrivateKey(cdn.privateKey);
    const query = contentDisposition ? `?response-content-disposition=${escapeUri(contentDisposition)}` : "";
    url = signCloudFrontUrl({
      url: `${cdn.url}/${encodeKey(key)}${query}`,
      keyPairId: cdn.keyPairId,
      // Node's createSign().sign accepts a KeyObject; parsing the PEM on every URL doubled the cost of an
      // RSA signature that already dominates this path (~0.8 ms each).
      privateKey: state.cloudFrontKey as unknown as string,
      dateLessThan: new Date(windowStart + ttlSeconds * 1000),
    });
  } else {
    url = await presignGet(storage.signingClient ?? storage.client, storage.bucket, key, {
      signingDate: new Date(windowStart),
      expiresIn: ttlSeconds,
      contentDisposition,
    });
  }
  if (state.urls.size >= MAX_MEMO_ENTRIES) state.urls.clear();
  state.urls.set(memoKey, url);
  return url;
}

/**
 * A presigned PUT for direct-to-bucket uploads. Content-Type and Content-Length are signed headers, so a
 * store that verifies signatures (S3, R2, MinIO) refuses a body of another type or size. The embedded
 * s3rver verifies no signature and so enforces neither: the ingest must still check what arrived.
 */
export function signPutUrl(
  storage: Storage,
  key: string,
  options: { contentType: string; contentLength: number; expiresInSeconds: number; now?: Date },
): Promise<string> {
  if (!Number.isInteger(options.expiresInSeconds) || options.expiresInSeconds < 1) {
    throw new Error("expiresInSeconds must be a positive integer");
  }
  if (!Number.isSafeInteger(options.contentLength) || options.contentLength < 0) {
    throw new Error("contentLength must be a non-negative integer");
  }
  const command = new PutObjectCommand({
    Bucket: storage.bucket,
    Key: key,
    ContentType: options.contentType,
    ContentLength: options.contentLength,
  });
  // One per upload, so the SDK's full presigner is cheap enough here. It leaves content-type unsigned
  // unless asked; signableHeaders asks.
  return getSignedUrl(storage.signingClient ?? storage.client, command, {
    expiresIn: Math.min(options.expiresInSeconds, MAX_TTL_SECONDS),
    signingDate: options.now,
    signableHeaders: new Set(["content-type", "content-length"]),
  });
}

function stateFor(storage: Storage, windowStart: number): SigningState {
  const state = states.get(storage);
  if (state?.windowStart === windowStart) return state;
  const fresh: SigningState = { windowStart, urls: new Map(), cloudFrontKey: state?.cloudFrontKey };
  states.set(storage, fresh);
  return fresh;
}

/** PEMs in env vars often arrive with literal "\n"; accept both. */
function parsePrivateKey(pem: string): KeyObject {
  return createPrivateKey(pem.includes("\\n") ? pem.replace(/\\n/g, "\n") : pem);
}

function encodeKey(key: string): string {
  return key.split("/").map(escapeUri).join("/");
}

/** RFC 6266: an ASCII fallback for old clients and the exact UTF-8 name in filename*. */
function attachment(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${escapeUri(name)}`;
}

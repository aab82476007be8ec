import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { deployProbeKey } from "@/lib/storage/keys";
import { deleteObject } from "@/lib/storage/objects";
import { presignGet } from "@/lib/storage/presign-get";
import { describeBucketAccess } from "@/lib/storage/s3-client";
import { signGetUrl, signPutUrl } from "@/lib/storage/signing";
import type { Storage } from "@/lib/storage/storage";
import { checkCdn } from "./check-cdn";
import { type DeployCheck, fail, isLoopback, pass, skip, warn } from "./deploy-check";

const PROBE_BYTES = 64 * 1024;
const TIMEOUT_MS = 15_000;

/**
 * What browsers and the app need from the bucket, proved with one temporary object under `check-deploy/`
 * that is removed afterwards: the keys reach it, CORS lets the app's origin PUT and GET, a presigned PUT
 * then GET returns the same bytes, a tampered signature is refused, and the CDN (when configured) serves
 * signed URLs only. Nothing else in the bucket is read or written.
 */
export async function checkBucket(storage: Storage, appOrigin: string): Promise<DeployCheck[]> {
  const access = await describeBucketAccess(storage, TIMEOUT_MS);
  if (access) return [fail("bucket reachable", access)];
  const checks = [pass("bucket reachable", `${storage.bucket} answers with the configured keys`)];

  const key = deployProbeKey(randomBytes(12).toString("base64url"));
  const bytes = randomBytes(PROBE_BYTES);
  const putUrl = await signPutUrl(storage, key, {
    contentType: "application/octet-stream",
    contentLength: bytes.length,
    expiresInSeconds: 300,
  });
  const objectUrl = putUrl.split("?")[0] ?? putUrl;
  checks.push(await checkCors(objectUrl, appOrigin));
  try {
    const put = await fetch(putUrl, {
      method: "PUT",
      body: bytes,
      headers: { "content-type": "application/octet-stream" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!put.ok) return [...checks, fail("presigned PUT + GET", `the presigned PUT answered ${put.status}`)];
    const getUrl = await presignGet(storage.signingClient ?? storage.client, storage.bucket, key, {
      signingDate: new Date(),
      expiresIn: 300,
    });
    const got = await fetch(getUrl, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const back = Buffer.from(await got.arrayBuffer());
    checks.push(
      got.ok && sha256(back) === sha256(bytes)
        ? pass("presigned PUT + GET", `${PROBE_BYTES} bytes back byte-exact (sha256 equal)`)
        : fail(
            "presigned PUT + GET",
            `GET answered ${got.status} with ${back.length} bytes that differ from those put`,
          ),
    );
    checks.push(await checkTamperedSignature(getUrl));
    checks.push(
      ...(storage.cdn
        ? await checkCdn(storage.cdn, await signGetUrl(storage, key), key, bytes)
        : [skip("CDN", "not configured: browsers get presigned bucket URLs")]),
    );
  } finally {
    const removed = await deleteObject(storage, key);
    if (!removed.ok) checks.push(fail("probe removed", `${key} is still there: ${removed.error.message}`));
  }
  return checks;
}

async function checkCors(objectUrl: string, appOrigin: string): Promise<DeployCheck> {
  const name = "CORS for APP_URL";
  const refused: string[] = [];
  for (const method of ["PUT", "GET"]) {
    const response = await fetch(objectUrl, {
      method: "OPTIONS",
      headers: {
        origin: appOrigin,
        "access-control-request-method": method,
        "access-control-request-headers": "content-type",
      },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).catch(() => null);
    const allowed = response?.headers.get("access-control-allow-origin");
    if (!response?.ok || (allowed !== "*" && allowed !== appOrigin)) {
      refused.push(`${method} (preflight ${response?.status ?? "no answer"})`);
    }
  }
  return refused.length === 0
    ? pass(name, `${appOrigin} may PUT and GET`)
    : fail(name, `${appOrigin} may not ${refused.join(", ")}: allow it in the bucket's CORS rules`);
}

async function checkTamperedSignature(getUrl: string): Promise<DeployCheck> {
  const name = "signatures verified";
  const url = new URL(getUrl);
  const signature = url.searchParams.get("X-Amz-Signature") ?? "";
  const flipped = `${signature.slice(0, -1)}${signature.endsWith("0") ? "1" : "0"}`;
  url.searchParams.set("X-Amz-Signature", flipped);
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  await response.body?.cancel();
  if (response.status === 403)
    return pass(name, "a presigned URL with an altered signature is refused (403)");
  const report = `this endpoint does not verify signatures: an altered presigned URL answered ${response.status}, so anyone who can reach it can read and write any key`;
  // The zero-config local store (s3rver) listens on loopback only; anywhere else this is a hole.
  return isLoopback(getUrl) ? warn(name, `${report} (loopback only: local use)`) : fail(name, report);
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

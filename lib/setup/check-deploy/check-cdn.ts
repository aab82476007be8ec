import "server-only";
import { createHash } from "node:crypto";
import type { Config } from "@/lib/config";
import { type DeployCheck, fail, pass } from "./deploy-check";

/**
 * With CloudFront key pairs the CDN must serve the signed URL and refuse the same path unsigned (else the
 * bucket is public through it). A CDN without key pairs is public by configuration: it must just serve.
 */
export async function checkCdn(
  cdn: NonNullable<Config["cdn"]>,
  servedUrl: string,
  key: string,
  bytes: Uint8Array,
): Promise<DeployCheck[]> {
  const signed = Boolean(cdn.keyPairId && cdn.privateKey);
  const served = await fetchBytes(servedUrl);
  const same = served.bytes !== null && hash(served.bytes) === hash(bytes);
  const checks = [
    same
      ? pass(
          "CDN serves",
          `${signed ? "a signed" : "an unsigned (public CDN)"} URL returned the probe's bytes`,
        )
      : fail(
          "CDN serves",
          `${cdn.url} answered ${served.status} for the probe (origin access or key group wrong?)`,
        ),
  ];
  if (signed) {
    const unsigned = await fetchBytes(`${cdn.url}/${key}`);
    checks.push(
      unsigned.status === 403
        ? pass("CDN refuses unsigned", "an unsigned URL is refused (403)")
        : fail(
            "CDN refuses unsigned",
            `an unsigned URL answered ${unsigned.status}: restrict viewer access to the trusted key group`,
          ),
    );
  }
  return checks;
}

async function fetchBytes(url: string): Promise<{ status: number | string; bytes: Uint8Array | null }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, bytes: response.ok ? bytes : null };
  } catch (error) {
    return { status: error instanceof Error ? error.message : "no answer", bytes: null };
  }
}

function hash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

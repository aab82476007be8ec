/**
 * The only place object keys are built. Keys are content-addressed and immutable (DESIGN "The storage
 * contract"), so a malformed part is a programmer error: these throw instead of returning a Result.
 */

const ORIGINALS_PREFIX = "originals/";
const VARIANTS_PREFIX = "variants/";
export const STAGING_PREFIX = "staging/";
const EXPORTS_PREFIX = "exports/";

const SHA256_HEX = /^[0-9a-f]{64}$/;
// Extensions and variant names end up in URLs and Content-Disposition: keep them to safe characters.
const EXTENSION = /^[a-z0-9]{1,8}$/;
const VARIANT_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
// Upload ids come from our own code (uuid or base64url), never from the client verbatim.
const UPLOAD_ID = /^[A-Za-z0-9_-]{8,128}$/;

/** `originals/<sha256[0:2]>/<sha256>.<ext>`; the two-character fan-out keeps listings and dirs small. */
export function originalKey(sha256: string, ext: string): string {
  assertSha256(sha256);
  if (!EXTENSION.test(ext)) throw new Error(`invalid file extension for an original: ${JSON.stringify(ext)}`);
  return `${ORIGINALS_PREFIX}${sha256.slice(0, 2)}/${sha256}.${ext}`;
}

/** `variants/<sha256>/<name>.webp`: every variant of one image under one prefix, so a purge lists it. */
export function variantKey(sha256: string, name: string): string {
  assertSha256(sha256);
  if (!VARIANT_NAME.test(name)) throw new Error(`invalid variant name: ${JSON.stringify(name)}`);
  return `${variantsPrefix(sha256)}${name}.webp`;
}

/** `variants/<sha256>/`: the prefix every variant of one image lives under (a purge lists it). */
export function variantsPrefix(sha256: string): string {
  assertSha256(sha256);
  return `${VARIANTS_PREFIX}${sha256}/`;
}

/** `staging/<uploadId>`: where direct-to-bucket uploads land before ingest moves them. */
export function stagingKey(uploadId: string): string {
  if (!UPLOAD_ID.test(uploadId)) throw new Error(`invalid upload id: ${JSON.stringify(uploadId)}`);
  return `${STAGING_PREFIX}${uploadId}`;
}

/** `check-deploy/<id>`: the one temporary object `check-deploy` writes and removes again. */
export function deployProbeKey(id: string): string {
  if (!UPLOAD_ID.test(id)) throw new Error(`invalid probe id: ${JSON.stringify(id)}`);
  return `check-deploy/${id}`;
}

/** `exports/<manifest sha256>.zip`: a dataset version's archive, named by what it holds, so it is built once. */
export function exportKey(manifestSha256: string): string {
  assertSha256(manifestSha256);
  return `${EXPORTS_PREFIX}${manifestSha256}.zip`;
}

export function isStagingKey(key: string): boolean {
  return key.startsWith(STAGING_PREFIX) && UPLOAD_ID.test(key.slice(STAGING_PREFIX.length));
}

function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error("sha256 must be 64 lowercase hex characters");
}

import "server-only";
import { createHash } from "node:crypto";
import type { Database } from "@/db/client";
import { claimSha256, releaseClaim } from "@/lib/images/sha256-claim";
import { err, ok, type Result } from "@/lib/result";
import { exportKey } from "@/lib/storage/keys";
import { headObject } from "@/lib/storage/objects";
import { signGetUrl } from "@/lib/storage/signing";
import type { Storage } from "@/lib/storage/storage";
import { uploadStream } from "@/lib/storage/upload-stream";
import { type DatasetVersion, getDatasetVersion } from "../get-dataset-version";
import { ChecksumMismatchError } from "./verified-object-chunks";
import { buildManifest, versionFiles } from "./version-files";
import { createZipStream } from "./zip-writer";

type VersionArchive = { url: string; key: string; fileName: string; reused: boolean };

// Part of the export's name: a change to the archive layout must not reuse archives built the old way.
const ARCHIVE_FORMAT = "lightbox-zip-store-1";
// A second request for an export being built waits this long for it, then is told to retry.
const WAIT_FOR_BUILDER_MS = 25_000;

/*
 * Why the archive is built inside the request, not in `after()` or a queue: on serverless, `after()` work is
 * bounded by the same function time limit and dies with the instance, so it buys nothing but a poll endpoint.
 * The request itself is the job; its durable job row is the claim (lib/images/sha256-claim.ts, purpose
 * "export") on the manifest hash, leased and renewed while the archive uploads. Concurrent requests for the
 * same version wait for that one build; if its process dies, the lease lapses within seconds and the client's
 * retry takes the job over and builds again. The archive reaches its final key only when the multipart upload
 * completes, so the object's presence is the "done" record and a crash never leaves a half archive there.
 */

/**
 * A frozen version as a ZIP object in the bucket (images sha256-verified as they stream, captions,
 * manifest.jsonl), named by the version's manifest hash so a second request reuses it, and a signed URL that
 * downloads it under a readable file name.
 */
export async function exportVersionArchive(
  deps: { db: Database; storage: Storage },
  target: { dataset: string; version?: number; forceZip64?: boolean },
): Promise<Result<VersionArchive>> {
  const found = await getDatasetVersion(deps.db, target.dataset, target.version);
  if (!found.ok) return found;
  const version = found.value;
  const manifestSha256 = archiveHash(version, target.forceZip64 ?? false);
  const key = exportKey(manifestSha256);
  const safeName = version.dataset.name.replace(/[^A-Za-z0-9._-]+/g, "_");
  const fileName = `${safeName}-v${version.version}.zip`;
  const signed = async (reused: boolean): Promise<Result<VersionArchive>> =>
    ok({ url: await signGetUrl(deps.storage, key, { downloadName: fileName }), key, fileName, reused });

  const before = await exists(deps.storage, key);
  if (!before.ok || before.value) return before.ok ? signed(true) : before;
  const claim = await claimSha256(deps.db, manifestSha256, "export", WAIT_FOR_BUILDER_MS);
  if (!claim.ok) {
    return err("conflict", "This export is still being built by another request; retry in a minute");
  }
  try {
    // The request we waited for may have finished it.
    const built = await exists(deps.storage, key);
    if (!built.ok || built.value) return built.ok ? signed(true) : built;
    const body = createZipStream(versionFiles(deps.storage, version), { forceZip64: target.forceZip64 });
    const uploaded = await uploadStream(deps.storage, { key, body, contentType: "application/zip" });
    if (!uploaded.ok) return uploaded;
    return signed(false);
  } catch (error) {
    if (error instanceof ChecksumMismatchError) return err("conflict", error.message);
    throw error;
  } finally {
    await releaseClaim(deps.db, claim.value);
  }
}

function archiveHash(version: DatasetVersion, forceZip64: boolean): string {
  return createHash("sha256")
    .update(`${ARCHIVE_FORMAT}${forceZip64 ? "+zip64" : ""}\n`)
    .update(buildManifest(version))
    .digest("hex");
}

async function exists(storage: Storage, key: string): Promise<Result<boolean>> {
  const head = await headObject(storage, key);
  if (head.ok) return ok(true);
  return head.error.code === "not_found" ? ok(false) : head;
}

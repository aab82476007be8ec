import "server-only";
import { createHash } from "node:crypto";
import type { Database } from "@/lib/db/client";
import type { Result } from "@/lib/result";
import type { Storage } from "@/lib/storage/storage";
import { getDatasetVersion } from "../get-dataset-version";
import { type BucketArchive, buildBucketArchive } from "./bucket-archive";
import { buildManifest, versionArchive } from "./version-files";

export type VersionArchive = BucketArchive;

// Part of the export's name: a change to the archive's bytes must not reuse archives built the old way.
const ARCHIVE_FORMAT = "lightbox-zip-store-1";

/**
 * A frozen version as a ZIP object in the bucket (images sha256-verified as they stream, captions,
 * manifest.jsonl), named by the version's manifest hash so a second request reuses it (bucket-archive.ts).
 */
export async function exportVersionArchive(
  deps: { db: Database; storage: Storage },
  target: { dataset: string; version?: number; forceZip64?: boolean },
  options: { sliceMs?: number; partBytes?: number } = {},
): Promise<Result<VersionArchive>> {
  const found = await getDatasetVersion(deps.db, target.dataset, target.version);
  if (!found.ok) return found;
  const version = found.value;
  const forceZip64 = target.forceZip64 ?? false;
  const manifest = buildManifest(version);
  const manifestSha256 = archiveHash(manifest, forceZip64);
  const fileName = `${version.dataset.name.replace(/[^A-Za-z0-9._-]+/g, "_")}-v${version.version}.zip`;
  return buildBucketArchive(
    deps,
    {
      archiveSha256: manifestSha256,
      fileName,
      layout: () => versionArchive(deps.storage, version, { forceZip64, manifest }),
    },
    options,
  );
}

function archiveHash(manifest: string, forceZip64: boolean): string {
  return createHash("sha256")
    .update(`${ARCHIVE_FORMAT}${forceZip64 ? "+zip64" : ""}\n`)
    .update(manifest)
    .digest("hex");
}

import "server-only";
import type { Readable } from "node:stream";
import type { Database } from "@/db/client";
import { ok, type Result } from "@/lib/http/errors";
import type { Storage } from "@/lib/storage/storage";
import { getDatasetVersion } from "../get-dataset-version";
import { versionFiles } from "./version-files";
import { createZipStream } from "./zip-writer";

/**
 * A frozen version as a streaming ZIP (images, captions, manifest.jsonl), read from the bucket as it is sent.
 * Not found is a Result; a corrupt object found mid-stream errors the stream (the download fails, never silently).
 */
export async function exportVersionZip(
  deps: { db: Database; storage: Storage },
  target: { dataset: string; version?: number },
): Promise<Result<{ stream: Readable; fileName: string }>> {
  const version = await getDatasetVersion(deps.db, target.dataset, target.version);
  if (!version.ok) return version;
  const safeName = version.value.dataset.name.replace(/[^A-Za-z0-9._-]+/g, "_");
  return ok({
    stream: createZipStream(versionFiles(deps.storage, version.value)),
    fileName: `${safeName}-v${version.value.version}.zip`,
  });
}

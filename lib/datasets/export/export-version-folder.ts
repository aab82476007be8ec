import "server-only";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Database } from "@/lib/db/client";
import { err, ok, type Result } from "@/lib/result";
import type { Storage } from "@/lib/storage/storage";
import { getDatasetVersion } from "../get-dataset-version";
import { ChecksumMismatchError, verifiedObjectChunks } from "./verified-object-chunks";
import { buildManifest, captionFileName, MANIFEST_NAME } from "./version-files";

export type FolderExport = { dir: string; dataset: string; version: number; images: number; bytes: number };

/**
 * Writes a frozen version to `dir` in the kohya / ai-toolkit layout: `<sha256[0:16]>.<ext>` images with
 * same-stem `.txt` captions, and `manifest.jsonl` last (its presence means the export is complete). Each image
 * is verified against its sha256 while streaming; a mismatch stops the export with a clear error.
 */
export async function exportVersionFolder(
  deps: { db: Database; storage: Storage },
  target: { dataset: string; version?: number; dir: string; concurrency?: number },
): Promise<Result<FolderExport>> {
  const found = await getDatasetVersion(deps.db, target.dataset, target.version);
  if (!found.ok) return found;
  const version = found.value;
  const folder = await prepareExportFolder(target.dir);
  if (!folder.ok) return folder;

  let next = 0;
  let bytes = 0;
  // An object, not a `let`: workers set it from inside closures, which TypeScript does not track.
  const state: { failure: Error | null } = { failure: null };
  const worker = async () => {
    while (!state.failure && next < version.entries.length) {
      const entry = version.entries[next++];
      if (!entry) break;
      const file = path.join(target.dir, entry.fileName);
      const partial = `${file}.partial`;
      try {
        await pipeline(
          Readable.from(verifiedObjectChunks(deps.storage, entry.objectKey, entry.sha256)),
          createWriteStream(partial, { flags: "wx" }),
        );
        await rename(partial, file);
        await writeFile(path.join(target.dir, captionFileName(entry.fileName)), entry.caption, "utf8");
        bytes += entry.snapshot.byte_size;
      } catch (error) {
        await rm(partial, { force: true });
        state.failure ??= error instanceof Error ? error : new Error(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: target.concurrency ?? 4 }, worker));
  const { failure } = state;
  if (failure) {
    const reason =
      failure instanceof ChecksumMismatchError ? failure.message : `export failed: ${failure.message}`;
    return err("conflict", `${reason}. ${target.dir} is incomplete (no ${MANIFEST_NAME}).`);
  }
  await writeFile(path.join(target.dir, MANIFEST_NAME), buildManifest(version), "utf8");
  return ok({
    dir: target.dir,
    dataset: version.dataset.name,
    version: version.version,
    images: version.entries.length,
    bytes,
  });
}

/** The target must be a new or empty folder; anything else is an operator's mistake, answered in one line. */
export async function prepareExportFolder(dir: string): Promise<Result<void>> {
  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory()) {
    return err("conflict", `${dir} is a file, not a folder; export into a new or empty folder`);
  }
  try {
    if (existing && (await readdir(dir)).length > 0) {
      return err("conflict", `${dir} is not empty; export into a new or empty folder`);
    }
    await mkdir(dir, { recursive: true });
    return ok(undefined);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    return err("conflict", `${dir} cannot be used as the export folder (${code})`);
  }
}

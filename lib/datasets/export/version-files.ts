import "server-only";
import type { Storage } from "@/lib/storage/storage";
import type { DatasetVersion, VersionEntry } from "../get-dataset-version";
import { verifiedObjectChunks } from "./verified-object-chunks";
import type { ZipEntry } from "./zip-writer";

export const MANIFEST_NAME = "manifest.jsonl";

/** `abc.png` → `abc.txt`: the kohya / ai-toolkit caption beside its image. */
export function captionFileName(fileName: string): string {
  return `${fileName.replace(/\.[^.]+$/, "")}.txt`;
}

/**
 * One line per image, in version order, keys in a fixed order and no timestamps: the same version always
 * gives the same manifest.
 */
export function buildManifest(version: DatasetVersion): string {
  return version.entries.map((entry) => `${JSON.stringify(manifestLine(entry))}\n`).join("");
}

function manifestLine(entry: VersionEntry) {
  const { snapshot } = entry;
  return {
    file_name: entry.fileName,
    caption_file: captionFileName(entry.fileName),
    sha256: entry.sha256,
    object_key: entry.objectKey,
    image_id: entry.imageId,
    caption: entry.caption,
    prompt: snapshot.prompt,
    negative_prompt: snapshot.negative_prompt,
    seed: snapshot.seed,
    model: snapshot.model,
    loras: snapshot.loras,
    review_status: snapshot.review_status,
    reasons: snapshot.reasons,
    width: snapshot.width,
    height: snapshot.height,
    byte_size: snapshot.byte_size,
  };
}

/** Every file of an export, in order: each image then its caption, and the manifest last. */
export function* versionFiles(storage: Storage, version: DatasetVersion): Generator<ZipEntry> {
  for (const entry of version.entries) {
    yield { name: entry.fileName, body: () => verifiedObjectChunks(storage, entry.objectKey, entry.sha256) };
    yield { name: captionFileName(entry.fileName), body: Buffer.from(entry.caption, "utf8") };
  }
  yield { name: MANIFEST_NAME, body: Buffer.from(buildManifest(version), "utf8") };
}

import "server-only";
import type { Storage } from "@/lib/storage/storage";
import type { DatasetVersion, VersionEntry } from "../get-dataset-version";
import type { EntryBody } from "./archive-bytes";
import { verifiedObjectChunks } from "./verified-object-chunks";
import { planZip, type ZipPlan } from "./zip-layout";

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

/**
 * Every file of an export, in order (each image then its caption, the manifest last), as the archive's layout
 * and a way to read each entry's bytes. Image sizes come from the frozen version, so the layout is known before
 * a byte is read; an image whose stored bytes differ (size or sha256) stops the export when it is read.
 */
export function versionArchive(
  storage: Storage,
  version: DatasetVersion,
  options: { forceZip64: boolean; manifest: string },
): { plan: ZipPlan; bodies: (index: number) => EntryBody } {
  const files: { name: string; size: number; body: EntryBody }[] = [];
  for (const entry of version.entries) {
    files.push({
      name: entry.fileName,
      size: entry.snapshot.byte_size,
      body: () => verifiedObjectChunks(storage, entry.objectKey, entry.sha256),
    });
    const caption = Buffer.from(entry.caption, "utf8");
    files.push({ name: captionFileName(entry.fileName), size: caption.length, body: caption });
  }
  // `manifest` is buildManifest(version), which the caller has already built to name the archive by its hash.
  const manifest = Buffer.from(options.manifest, "utf8");
  files.push({ name: MANIFEST_NAME, size: manifest.length, body: manifest });
  const plan = planZip(
    files.map((file) => ({ name: file.name, size: file.size, crcKnownUpFront: Buffer.isBuffer(file.body) })),
    options,
  );
  return { plan, bodies: (index) => (files[index] as (typeof files)[number]).body };
}

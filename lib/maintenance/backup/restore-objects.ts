import "server-only";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { getObjectStream, putObject } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";
import { type BackupManifest, objectPath } from "./backup-manifest";

const PARALLEL = 4;

/** Uploads every object, then reads it back and compares its sha256 with the manifest's. */
export async function restoreObjects(
  storage: Storage,
  dir: string,
  manifest: BackupManifest,
): Promise<{ objects: number; bytesCompared: number }> {
  const queue = Object.entries(manifest.objects);
  let objects = 0;
  let bytesCompared = 0;
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [key, object] = next;
      const put = await putObject(storage, {
        key,
        body: createReadStream(objectPath(dir, key)),
        contentLength: object.bytes,
        contentType: object.contentType ?? "application/octet-stream",
        sha256Hex: object.sha256,
      });
      if (!put.ok) throw new Error(`could not write ${key}: ${put.error.message}`);
      const stored = await getObjectStream(storage, key);
      if (!stored.ok) throw new Error(`could not read ${key} back: ${stored.error.message}`);
      const hash = createHash("sha256");
      let bytes = 0;
      for await (const chunk of stored.value.body) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
      }
      if (hash.digest("hex") !== object.sha256 || bytes !== object.bytes) {
        throw new Error(`${key} reads back different bytes than the backup holds`);
      }
      objects += 1;
      bytesCompared += bytes;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return { objects, bytesCompared };
}

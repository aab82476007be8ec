import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getObjectStream } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";
import { type BackupObject, objectPath } from "./backup-manifest";

export type CopiedObjects = {
  objects: Record<string, BackupObject>;
  missing: string[];
  copied: number;
  reused: number;
  copiedBytes: number;
};

const PARALLEL = 4;

/**
 * Downloads the named objects into `dir/objects/<key>`. Objects are immutable (content-addressed keys),
 * so a key an earlier backup already holds, at its recorded size, is reused instead of copied again.
 */
export async function copyObjects(
  storage: Storage,
  dir: string,
  keys: string[],
  previous: Record<string, BackupObject>,
): Promise<CopiedObjects> {
  const result: CopiedObjects = { objects: {}, missing: [], copied: 0, reused: 0, copiedBytes: 0 };
  const queue = [...keys];
  const worker = async () => {
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
      const earlier = previous[key];
      if (earlier && (await sizeOf(objectPath(dir, key))) === earlier.bytes) {
        result.objects[key] = earlier;
        result.reused += 1;
        continue;
      }
      const downloaded = await downloadObject(storage, dir, key);
      if (downloaded === "missing") {
        result.missing.push(key);
        continue;
      }
      result.objects[key] = downloaded;
      result.copied += 1;
      result.copiedBytes += downloaded.bytes;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  result.missing.sort();
  return result;
}

async function downloadObject(storage: Storage, dir: string, key: string): Promise<BackupObject | "missing"> {
  const got = await getObjectStream(storage, key);
  if (!got.ok) {
    if (got.error.code === "not_found") return "missing";
    throw new Error(`could not read ${key} from the bucket: ${got.error.message}`);
  }
  const target = objectPath(dir, key);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(4).toString("hex")}.part`;
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    await pipeline(
      got.value.body,
      new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          bytes += chunk.length;
          callback(null, chunk);
        },
      }),
      createWriteStream(temporary),
    );
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { sha256: hash.digest("hex"), bytes, contentType: got.value.contentType };
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

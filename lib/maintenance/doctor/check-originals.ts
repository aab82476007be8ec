import "server-only";
import { createHash } from "node:crypto";
import type { images } from "@/lib/db/schema";
import { log } from "@/lib/logger";
import type { ListedObject } from "@/lib/storage/objects";
import { getObjectStream, headObject } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";
import type { Finding } from "./doctor-report";
import type { Paired } from "./merge-by-key";

export type OriginalRow = Pick<
  typeof images.$inferSelect,
  "id" | "sha256" | "objectKey" | "byteSize" | "objectState" | "contentType"
>;

const HASH_CONCURRENCY = 4;

/**
 * Walks the merged originals/ keys: a row whose original is gone, already marked missing, or not the recorded bytes;
 * an object no row names is an orphan. Without `verifyChecksums` only the size is compared (the listing is enough);
 * with it every original is streamed and hashed, a few at a time.
 */
export async function checkOriginals(
  storage: Storage,
  pairs: AsyncIterable<Paired<OriginalRow>>,
  options: { verifyChecksums: boolean; orphanOlderThan: Date },
  emit: (finding: Finding) => Promise<void>,
): Promise<void> {
  const hashing = new Set<Promise<void>>();
  for await (const pair of pairs) {
    const { row } = pair;
    if (!row) {
      if (pair.object && isOrphan(pair.object, options.orphanOlderThan))
        await emit(orphanFinding(pair.object));
      continue;
    }
    const base = { imageId: row.id, key: row.objectKey, fixed: false };
    const object =
      pair.object ??
      (row.objectState === "missing" ? null : await findUnlistedObject(storage, row.objectKey));
    if (object === undefined) continue;
    if (row.objectState === "missing") await emit({ kind: "marked_missing", ...base });
    else if (!object) await emit({ kind: "missing_object", ...base });
    else if (object.byteSize !== row.byteSize) {
      await emit({
        kind: "checksum_mismatch",
        ...base,
        detail: `size ${object.byteSize}, expected ${row.byteSize}`,
      });
    } else if (options.verifyChecksums) {
      const hashed = verifyHash(storage, row, emit).finally(() => hashing.delete(hashed));
      hashing.add(hashed);
      if (hashing.size >= HASH_CONCURRENCY) await Promise.race(hashing);
    }
  }
  await Promise.all(hashing);
}

/**
 * A row the listing has no object for is only lost if the store says so now: the listing page may have been read
 * before an ingest put the object and committed this row, and `--fix` would mark a new image missing. null: not
 * there; undefined: the store did not answer (the row is left for the next run, never called lost on a guess).
 */
async function findUnlistedObject(storage: Storage, key: string): Promise<ListedObject | null | undefined> {
  const head = await headObject(storage, key);
  if (head.ok) return { key, byteSize: head.value.byteSize, lastModified: head.value.lastModified };
  if (head.error.code === "not_found") return null;
  log.warn({ key, code: head.error.code }, "doctor could not confirm a missing original");
  return undefined;
}

/** Objects younger than the grace period may belong to an ingest that has not committed its row yet. */
export function isOrphan(object: ListedObject, olderThan: Date): boolean {
  return !object.lastModified || object.lastModified < olderThan;
}

export function orphanFinding(object: ListedObject): Finding {
  return { kind: "orphan_object", key: object.key, detail: `${object.byteSize} bytes`, fixed: false };
}

async function verifyHash(
  storage: Storage,
  row: OriginalRow,
  emit: (finding: Finding) => Promise<void>,
): Promise<void> {
  const actual = await hashObject(storage, row.objectKey);
  if (actual === row.sha256) return;
  await emit({
    kind: "checksum_mismatch",
    imageId: row.id,
    key: row.objectKey,
    detail: actual ? `sha256 ${actual}, expected ${row.sha256}` : "unreadable",
    fixed: false,
  });
}

async function hashObject(storage: Storage, key: string): Promise<string | null> {
  const object = await getObjectStream(storage, key);
  if (!object.ok) return null;
  const hash = createHash("sha256");
  for await (const chunk of object.value.body as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest("hex");
}

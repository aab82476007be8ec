import "server-only";
import { createHash } from "node:crypto";
import type { images } from "@/db/schema";
import type { ListedObject } from "@/lib/storage/objects";
import { getObjectStream } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";
import type { Finding } from "./doctor-report";

export type OriginalRow = Pick<
  typeof images.$inferSelect,
  "id" | "sha256" | "objectKey" | "byteSize" | "objectState" | "contentType"
>;

const HASH_CONCURRENCY = 4;

/**
 * Each row's original: gone, already marked missing, or not the recorded bytes. Without `verifyChecksums` only the
 * size is compared (a listing is enough); with it every original is streamed and hashed.
 */
export async function checkOriginals(
  storage: Storage,
  rows: OriginalRow[],
  inventory: Map<string, ListedObject>,
  verifyChecksums: boolean,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const toHash: OriginalRow[] = [];
  for (const row of rows) {
    const base = { imageId: row.id, key: row.objectKey, fixed: false };
    const object = inventory.get(row.objectKey);
    if (row.objectState === "missing") findings.push({ kind: "marked_missing", ...base });
    else if (!object) findings.push({ kind: "missing_object", ...base });
    else if (object.byteSize !== row.byteSize) {
      findings.push({
        kind: "checksum_mismatch",
        ...base,
        detail: `size ${object.byteSize}, expected ${row.byteSize}`,
      });
    } else if (verifyChecksums) toHash.push(row);
  }
  let next = 0;
  const worker = async () => {
    while (next < toHash.length) {
      const row = toHash[next++];
      if (!row) break;
      const actual = await hashObject(storage, row.objectKey);
      if (actual !== row.sha256) {
        findings.push({
          kind: "checksum_mismatch",
          imageId: row.id,
          key: row.objectKey,
          detail: actual ? `sha256 ${actual}, expected ${row.sha256}` : "unreadable",
          fixed: false,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: HASH_CONCURRENCY }, worker));
  return findings;
}

async function hashObject(storage: Storage, key: string): Promise<string | null> {
  const object = await getObjectStream(storage, key);
  if (!object.ok) return null;
  const hash = createHash("sha256");
  for await (const chunk of object.value.body as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest("hex");
}

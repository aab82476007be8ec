import { STAGING_PREFIX } from "@/lib/storage/keys";
import type { ListedObject } from "@/lib/storage/objects";
import type { Finding } from "./doctor-report";

/**
 * Objects under originals/ and variants/ that no row names. Objects younger than the grace period are left
 * alone: an ingest writes its objects before it commits its row.
 */
export function findOrphans(
  inventory: Map<string, ListedObject>,
  referenced: Set<string>,
  olderThan: Date,
): Finding[] {
  const findings: Finding[] = [];
  for (const object of inventory.values()) {
    if (object.key.startsWith(STAGING_PREFIX) || referenced.has(object.key)) continue;
    if (object.lastModified && object.lastModified >= olderThan) continue;
    findings.push({
      kind: "orphan_object",
      key: object.key,
      detail: `${object.byteSize} bytes`,
      fixed: false,
    });
  }
  return findings;
}

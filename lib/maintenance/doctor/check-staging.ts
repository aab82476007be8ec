import "server-only";
import { and, eq, lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { uploads } from "@/db/schema";
import { isStagingKey, STAGING_PREFIX } from "@/lib/storage/keys";
import type { ListedObject } from "@/lib/storage/objects";
import type { Finding } from "./doctor-report";

/** Direct uploads abandoned before `olderThan`: staging objects still in the bucket and rows still pending. */
export async function checkStaging(
  db: Database,
  inventory: Map<string, ListedObject>,
  olderThan: Date,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const object of inventory.values()) {
    if (!object.key.startsWith(STAGING_PREFIX)) continue;
    if (object.lastModified && object.lastModified >= olderThan) continue;
    findings.push({
      kind: "stale_staging_object",
      key: object.key,
      uploadId: isStagingKey(object.key) ? object.key.slice(STAGING_PREFIX.length) : undefined,
      fixed: false,
    });
  }
  const pending = await db
    .select({ id: uploads.id, stagingKey: uploads.stagingKey })
    .from(uploads)
    .where(and(eq(uploads.status, "pending"), lt(uploads.createdAt, olderThan)));
  for (const upload of pending) {
    findings.push({
      kind: "stale_pending_upload",
      uploadId: upload.id,
      key: upload.stagingKey,
      fixed: false,
    });
  }
  return findings;
}

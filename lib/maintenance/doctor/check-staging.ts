import "server-only";
import { and, eq, inArray, lt, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import { uploads } from "@/db/schema";
import { isStagingKey, STAGING_PREFIX } from "@/lib/storage/keys";
import type { ListedObject } from "@/lib/storage/objects";
import type { Finding } from "./doctor-report";

/**
 * Direct uploads abandoned before `olderThan` (staging objects still in the bucket, rows still pending), and
 * staging objects of uploads already completed or failed, whatever their age: the upload URL stays valid for an
 * hour, so a PUT after complete re-creates a staging object nothing will ever read.
 */
export async function checkStaging(
  db: Database,
  inventory: Map<string, ListedObject>,
  olderThan: Date,
): Promise<Finding[]> {
  const staged = [...inventory.values()].filter((object) => object.key.startsWith(STAGING_PREFIX));
  const finished = await findFinishedUploads(db, staged);
  const findings: Finding[] = [];
  for (const object of staged) {
    const uploadId = isStagingKey(object.key) ? object.key.slice(STAGING_PREFIX.length) : undefined;
    const isOld = !object.lastModified || object.lastModified < olderThan;
    if (!isOld && !(uploadId && finished.has(uploadId))) continue;
    findings.push({ kind: "stale_staging_object", key: object.key, uploadId, fixed: false });
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

async function findFinishedUploads(db: Database, staged: ListedObject[]): Promise<Set<string>> {
  const keys = staged.map((object) => object.key).filter(isStagingKey);
  const finished = new Set<string>();
  // Page the lookup: a bucket may hold many staging objects.
  for (let start = 0; start < keys.length; start += 1000) {
    const rows = await db
      .select({ id: uploads.id })
      .from(uploads)
      .where(
        and(
          inArray(uploads.stagingKey, keys.slice(start, start + 1000)),
          ne(uploads.status, "pending"),
          ne(uploads.status, "completing"),
        ),
      );
    for (const row of rows) finished.add(row.id);
  }
  return finished;
}

import "server-only";
import { and, asc, eq, gt, inArray, lt, ne } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { uploads } from "@/lib/db/schema";
import { isStagingKey, STAGING_PREFIX } from "@/lib/storage/keys";
import type { ListedObject } from "@/lib/storage/objects";
import type { Finding } from "./doctor-report";

const PAGE_SIZE = 1000;

/**
 * Direct uploads abandoned before `olderThan` (staging objects still in the bucket, rows still pending), and
 * staging objects of uploads already completed or failed, whatever their age: the upload URL stays valid for an
 * hour, so a PUT after complete re-creates a staging object nothing will ever read. The listing is looked up a
 * page at a time.
 */
export async function checkStaging(
  db: Database,
  staged: AsyncIterable<ListedObject>,
  olderThan: Date,
  emit: (finding: Finding) => Promise<void>,
): Promise<void> {
  let page: ListedObject[] = [];
  const flush = async () => {
    const finished = await findFinishedUploads(db, page);
    for (const object of page) {
      const uploadId = isStagingKey(object.key) ? object.key.slice(STAGING_PREFIX.length) : undefined;
      const isOld = !object.lastModified || object.lastModified < olderThan;
      if (!isOld && !(uploadId && finished.has(uploadId))) continue;
      await emit({ kind: "stale_staging_object", key: object.key, uploadId, fixed: false });
    }
    page = [];
  };
  for await (const object of staged) {
    page.push(object);
    if (page.length >= PAGE_SIZE) await flush();
  }
  await flush();

  let after: string | null = null;
  for (;;) {
    const pending = await db
      .select({ id: uploads.id, stagingKey: uploads.stagingKey })
      .from(uploads)
      .where(
        and(
          eq(uploads.status, "pending"),
          lt(uploads.createdAt, olderThan),
          after === null ? undefined : gt(uploads.id, after),
        ),
      )
      .orderBy(asc(uploads.id))
      .limit(PAGE_SIZE);
    for (const upload of pending) {
      await emit({ kind: "stale_pending_upload", uploadId: upload.id, key: upload.stagingKey, fixed: false });
    }
    const last = pending.at(-1);
    if (!last || pending.length < PAGE_SIZE) return;
    after = last.id;
  }
}

async function findFinishedUploads(db: Database, staged: ListedObject[]): Promise<Set<string>> {
  const keys = staged.map((object) => object.key).filter(isStagingKey);
  const finished = new Set<string>();
  if (keys.length === 0) return finished;
  const rows = await db
    .select({ id: uploads.id })
    .from(uploads)
    .where(
      and(inArray(uploads.stagingKey, keys), ne(uploads.status, "pending"), ne(uploads.status, "completing")),
    );
  for (const row of rows) finished.add(row.id);
  return finished;
}

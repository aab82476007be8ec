import "server-only";
import { log } from "@/lib/logger";
import type { AppError } from "@/lib/result";
import { deleteObject, headObject, putObject } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";

export type ObjectToStore = { key: string; body: Uint8Array; contentType: string; sha256Hex?: string };

export class StoreAborted extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
  }
}

/**
 * Puts every object in parallel unless one of the same size is already there (content-addressed: same key, same
 * bytes). Every put settles before this returns; the keys it created are pushed to `created` even when another
 * put failed, so the caller can remove exactly those. Throws StoreAborted on the first failure.
 */
export async function storeImageObjects(
  storage: Storage,
  objects: ObjectToStore[],
  created: string[],
): Promise<void> {
  const puts = await Promise.allSettled(objects.map((object) => putIfAbsent(storage, object, created)));
  const failed = puts.find((put) => put.status === "rejected");
  if (failed) throw failed.reason;
}

async function putIfAbsent(storage: Storage, object: ObjectToStore, created: string[]): Promise<void> {
  const head = await headObject(storage, object.key);
  if (head.ok && head.value.byteSize === object.body.length) return;
  if (!head.ok && head.error.code !== "not_found") throw new StoreAborted(head.error);
  const put = await putObject(storage, object);
  if (!put.ok) throw new StoreAborted(put.error);
  created.push(object.key);
}

/** Best effort: what cannot be removed is an orphan, which the doctor reports and collects. */
export async function removeObjects(storage: Storage, keys: string[]): Promise<void> {
  for (const key of keys) {
    const removed = await deleteObject(storage, key);
    if (!removed.ok) log.warn({ key }, "could not remove an object; left for the doctor");
  }
}

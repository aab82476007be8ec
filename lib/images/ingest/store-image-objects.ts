import "server-only";
import { log } from "@/lib/logger";
import { ThrownAppError } from "@/lib/result";
import { deleteObject, putObject } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";

export type ObjectToStore = { key: string; body: Uint8Array; contentType: string; sha256Hex?: string };

/** A put refused or a lease lost: the ingest gives up with this AppError. */
export class StoreAborted extends ThrownAppError {}

/*
 * Why every object is put without asking first whether it is there (a HEAD per object cost as much as the put
 * of a thumbnail). The caller holds the sha256 claim (sha256-claim.ts), so no other ingest or purge of these
 * bytes runs, and it has read, under that claim, whether a row for the sha256 exists. Every key here is derived
 * from the sha256 (storage/keys.ts) and images.sha256 is unique, so only that one row can ever name them.
 *   - No row (a new image): an object already under one of these keys is an orphan no row names (a crashed
 *     ingest's, or one the doctor has not collected yet). Putting over it writes the same content-addressed bytes,
 *     and removing it when the ingest then fails removes an orphan, which is what the doctor would do; no row can
 *     appear meanwhile, because committing one needs the claim. So `created` lists every key put.
 *   - A row with object_state 'missing' (the repair path): the keys are that row's. Putting the bytes again
 *     restores them (a corrupt object of the right size too, which a size check would have kept), but a failed
 *     repair must not remove what the row names (its variants may be intact), so the caller passes no `created`
 *     list there and nothing is removed: the row stays 'missing' for the doctor and the next post.
 */

/**
 * Puts every object in parallel. Every put settles before this returns; the keys it wrote are pushed to `created`
 * (when given) even when another put failed, so the caller can remove exactly those. Throws StoreAborted on the
 * first failure.
 */
export async function storeImageObjects(
  storage: Storage,
  objects: ObjectToStore[],
  created: string[] | null,
): Promise<void> {
  const puts = await Promise.allSettled(
    objects.map(async (object) => {
      const put = await putObject(storage, object);
      if (!put.ok) throw new StoreAborted(put.error);
      created?.push(object.key);
    }),
  );
  const failed = puts.find((put) => put.status === "rejected");
  if (failed) throw failed.reason;
}

/** Best effort: what cannot be removed is an orphan, which the doctor reports and collects. */
export async function removeObjects(storage: Storage, keys: string[]): Promise<void> {
  for (const key of keys) {
    const removed = await deleteObject(storage, key);
    if (!removed.ok) log.warn({ key }, "could not remove an object; left for the doctor");
  }
}

import "server-only";
import { STAGING_PREFIX } from "@/lib/storage/keys";
import { type ListedObject, listObjects } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";

// The prefixes the storage contract writes (lib/storage/keys.ts); anything else in the bucket is not ours.
const PREFIXES = ["originals/", "variants/", STAGING_PREFIX] as const;

/** Every object under our prefixes, by key. Holds the whole listing: fine up to a few million objects. */
export async function loadBucketInventory(storage: Storage): Promise<Map<string, ListedObject>> {
  const inventory = new Map<string, ListedObject>();
  for (const prefix of PREFIXES) {
    for await (const object of listObjects(storage, prefix, { pageSize: 1000 }))
      inventory.set(object.key, object);
  }
  return inventory;
}

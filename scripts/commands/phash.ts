// `phash [--from <image id>] [--here]`: compute the perceptual hash of images stored before near-duplicate lookup
// existed. By default it queues the backfill job (workers run it in slices, resuming after any fault); --here runs
// it in this process, printing progress.
import { parseArgs } from "node:util";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { queueBackfill } from "@/lib/images/derive/image-jobs";
import { backfillPerceptualHashes } from "@/lib/images/similar/backfill-perceptual-hashes";
import { closeStorage, createStorage } from "@/lib/storage/storage";
import { lowerBackgroundBackends } from "../background-backends";
import { runInBackground } from "../background-priority";
import { loadCliConfig } from "./cli-config";

export const PHASH_USAGE =
  "phash [--from <image id>] [--here]  compute missing perceptual hashes (near-duplicates): queued for the workers, or --here";

export async function runPhashBackfill(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { from: { type: "string" }, here: { type: "boolean", default: false } },
  });
  // Hashing here is background work, as in a worker: a reviewer's request on this machine comes first.
  if (values.here) runInBackground();
  const config = await loadCliConfig();
  const db = createDatabase({ ...config.database, poolMax: 2 });
  const storage = createStorage(config);
  const backends = values.here ? lowerBackgroundBackends(config.database) : null;
  try {
    if (!values.here) {
      await queueBackfill(db, "phash", values.from ?? null);
      console.log("Queued: the workers hash the images in slices (`npm start` runs one; see the README).");
      return 0;
    }
    const done = await backfillPerceptualHashes(
      { db, storage, limits: config.limits },
      {
        fromId: values.from,
        onProgress: (progress) =>
          console.log(
            `hashed ${progress.hashed}, failed ${progress.failed} (resume: --from ${progress.lastId})`,
          ),
      },
    );
    console.log(`Done: ${done.hashed} hashed, ${done.failed} could not be read (the doctor reports why).`);
    return done.failed > 0 ? 1 : 0;
  } finally {
    await backends?.stop();
    closeStorage(storage);
    await closeDatabase(db);
  }
}

// `phash [--from <image id>]`: compute the perceptual hash of images stored before near-duplicate lookup existed.
import { parseArgs } from "node:util";
import { closeDatabase, createDatabase } from "@/db/client";
import { backfillPerceptualHashes } from "@/lib/images/similar/backfill-perceptual-hashes";
import { closeStorage, createStorage } from "@/lib/storage/storage";
import { loadCliConfig } from "./cli-config";

export const PHASH_USAGE =
  "phash [--from <image id>]          compute missing perceptual hashes (near-duplicates); resumable";

export async function runPhashBackfill(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { from: { type: "string" } } });
  const config = await loadCliConfig();
  const db = createDatabase({ ...config.database, poolMax: 2 });
  const storage = createStorage(config);
  try {
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
    closeStorage(storage);
    await closeDatabase(db);
  }
}

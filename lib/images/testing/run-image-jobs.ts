import type { Config } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { type DrainResult, drainJobs } from "@/lib/jobs/drain-jobs";
import type { Storage } from "@/lib/storage/storage";
import { createImageJobHandlers } from "../derive/image-jobs";

/**
 * Runs every queued job (derivations, backfill slices) to the end in this process, as a worker would: what a
 * test calls between a 201 and an assertion about variants, placeholders or hashes.
 */
export function runImageJobs(context: {
  db: Database;
  storage: Storage;
  config: Pick<Config, "limits">;
}): Promise<DrainResult> {
  return drainJobs(
    context.db,
    createImageJobHandlers({ db: context.db, storage: context.storage, limits: context.config.limits }),
  );
}

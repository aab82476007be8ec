// `cleanup --rejected-older-than 30d [--dry-run]`: purge old rejected and soft-deleted images.
import { parseArgs } from "node:util";
import { closeDatabase, createDatabase } from "@/db/client";
import { cleanupImages } from "@/lib/images/lifecycle/cleanup-images";
import { AGE_FORMAT, parseAge } from "@/lib/images/lifecycle/parse-age";
import { closeStorage, createStorage } from "@/lib/storage/storage";
import { loadCliConfig } from "./cli-config";

export const CLEANUP_USAGE =
  "cleanup --rejected-older-than 30d [--dry-run]   purge rejected / soft-deleted images (never approved or in a dataset)";

export async function runCleanup(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { "rejected-older-than": { type: "string" }, "dry-run": { type: "boolean", default: false } },
  });
  const age = values["rejected-older-than"];
  if (age === undefined) {
    console.error(`usage: npm run cli -- ${CLEANUP_USAGE}`);
    return 2;
  }
  const olderThanMs = parseAge(age);
  if (olderThanMs === null) {
    console.error(`cleanup: --rejected-older-than ${JSON.stringify(age)}: ${AGE_FORMAT}`);
    return 2;
  }
  const config = await loadCliConfig();
  const db = createDatabase({ ...config.database, poolMax: 2 });
  const storage = createStorage(config);
  try {
    const dryRun = values["dry-run"];
    const report = await cleanupImages({ db, storage }, { olderThanMs, dryRun });
    const verb = dryRun ? "Would purge" : "Purged";
    for (const candidate of report.candidates)
      console.log(`  ${candidate.id}  ${candidate.sha256.slice(0, 16)}  ${candidate.reason}`);
    console.log(
      `${verb} ${dryRun ? report.candidates.length : report.purged} image(s): rejected before, or deleted before, ${report.cutoff}`,
    );
    for (const failure of report.failed) console.error(`  not purged ${failure.id}: ${failure.reason}`);
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    closeStorage(storage);
    await closeDatabase(db);
  }
}

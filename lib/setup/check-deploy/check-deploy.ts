import "server-only";
import type { Config } from "@/lib/config";
import type { Storage } from "@/lib/storage/storage";
import { checkAppUrl } from "./check-app-url";
import { checkBucket } from "./check-bucket";
import { checkDatabase } from "./check-database";
import type { DeployCheck } from "./deploy-check";

/**
 * What a first deploy usually gets wrong, checked against the configured services without changing data
 * (one probe object under `check-deploy/`, removed again). One line per check; any `fail` means exit 1.
 */
export async function checkDeploy(config: Config, storage: Storage): Promise<DeployCheck[]> {
  const [bucket, database, appUrl] = await Promise.all([
    checkBucket(storage, new URL(config.appUrl).origin),
    checkDatabase(config.database.url),
    checkAppUrl(config.appUrl),
  ]);
  return [...bucket, ...database, appUrl];
}

// `check-deploy`: verify a configured environment (bucket, CORS, signatures, CDN, database, APP_URL).
import { parseArgs } from "node:util";
import { checkDeploy } from "@/lib/setup/check-deploy/check-deploy";
import { formatCheck } from "@/lib/setup/check-deploy/deploy-check";
import { closeStorage, createStorage } from "@/lib/storage/storage";
import { loadCliConfig } from "./cli-config";

export const CHECK_DEPLOY_USAGE =
  "check-deploy               check the configured bucket, CORS, signatures, CDN, database and APP_URL (exit 1 on a failure)";

export async function runCheckDeploy(args: string[]): Promise<number> {
  if (parseArgs({ args, allowPositionals: true, options: {} }).positionals.length > 0) {
    console.error(`usage: npm run cli -- ${CHECK_DEPLOY_USAGE}`);
    return 2;
  }
  const config = await loadCliConfig();
  const storage = createStorage(config);
  try {
    const checks = await checkDeploy(config, storage);
    for (const check of checks) console.log(formatCheck(check));
    const failed = checks.filter((check) => check.status === "fail").length;
    console.log(failed === 0 ? "Ready to deploy." : `${failed} check(s) failed.`);
    return failed === 0 ? 0 : 1;
  } finally {
    closeStorage(storage);
  }
}

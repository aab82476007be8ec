// `npm run cli -- <command> …`: operator commands. Each command lives in scripts/commands/ and returns an exit code.
import { ConfigError } from "@/lib/config";
import { BACKUP_USAGE, RESTORE_USAGE, runBackup, runRestore } from "./commands/backup";
import { CHECK_DEPLOY_USAGE, runCheckDeploy } from "./commands/check-deploy";
import { CLEANUP_USAGE, runCleanup } from "./commands/cleanup";
import { DOCTOR_USAGE, runDoctorCommand } from "./commands/doctor";
import { EXPORT_USAGE, runExport } from "./commands/export";
import { IMPORT_USAGE, runImport } from "./commands/import";
import { runInspect } from "./commands/inspect";
import { runKeys } from "./commands/keys";
import { PHASH_USAGE, runPhashBackfill } from "./commands/phash";
import { REPARSE_USAGE, runReparse } from "./commands/reparse";
import { runStats, STATS_USAGE } from "./commands/stats";
import { runWatch, WATCH_USAGE } from "./commands/watch";

type Command = { usage: string; run: (args: string[]) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  keys: {
    usage:
      "keys create --name N --scopes ingest,read [--expires-in-days D] | keys list | keys revoke <prefix>",
    run: runKeys,
  },
  inspect: {
    usage: "inspect <file...>          print the generation metadata embedded in image files, as JSON",
    run: (args) =>
      args.length > 0 ? runInspect(args) : Promise.resolve(usage("inspect needs at least one file")),
  },
  import: { usage: IMPORT_USAGE, run: runImport },
  watch: { usage: WATCH_USAGE, run: runWatch },
  export: { usage: EXPORT_USAGE, run: runExport },
  doctor: { usage: DOCTOR_USAGE, run: runDoctorCommand },
  cleanup: { usage: CLEANUP_USAGE, run: runCleanup },
  phash: { usage: PHASH_USAGE, run: runPhashBackfill },
  reparse: { usage: REPARSE_USAGE, run: runReparse },
  stats: { usage: STATS_USAGE, run: runStats },
  backup: { usage: BACKUP_USAGE, run: runBackup },
  restore: { usage: RESTORE_USAGE, run: runRestore },
  "check-deploy": { usage: CHECK_DEPLOY_USAGE, run: runCheckDeploy },
};

function usage(problem?: string): number {
  if (problem) console.error(`${problem}\n`);
  console.error(
    `usage: npm run cli -- <command>\n\n${Object.values(COMMANDS)
      .map((command) => `  ${command.usage}`)
      .join("\n")}`,
  );
  return 2;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const [name, ...args] = process.argv.slice(2);
const command = name ? COMMANDS[name] : undefined;
try {
  process.exitCode = command ? await command.run(args) : usage(name ? `unknown command: ${name}` : undefined);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}

import { ConfigError } from "@/lib/config";
import { BACKUP_USAGE, RESTORE_USAGE, runBackup, runRestore } from "./backup";
import { CHECK_DEPLOY_USAGE, runCheckDeploy } from "./check-deploy";
import { CLEANUP_USAGE, runCleanup } from "./cleanup";
import { DOCTOR_USAGE, runDoctorCommand } from "./doctor";
import { EXPORT_USAGE, runExport } from "./export";
import { HANDOFF_USAGE, runHandoff } from "./handoff";
import { IMPORT_USAGE, runImport } from "./import";
import { INSPECT_USAGE, runInspect } from "./inspect";
import { KEYS_USAGE, runKeys } from "./keys";
import { MODELS_USAGE, runModels } from "./models";
import { PHASH_USAGE, runPhashBackfill } from "./phash";
import { REPARSE_USAGE, runReparse } from "./reparse";
import { runStats, STATS_USAGE } from "./stats";
import { runWatch, WATCH_USAGE } from "./watch";

type Command = { usage: string; run: (args: string[]) => Promise<number> };

export const COMMANDS: Record<string, Command> = {
  keys: { usage: KEYS_USAGE, run: runKeys },
  inspect: { usage: INSPECT_USAGE, run: runInspect },
  import: { usage: IMPORT_USAGE, run: runImport },
  watch: { usage: WATCH_USAGE, run: runWatch },
  export: { usage: EXPORT_USAGE, run: runExport },
  handoff: { usage: HANDOFF_USAGE, run: runHandoff },
  doctor: { usage: DOCTOR_USAGE, run: runDoctorCommand },
  cleanup: { usage: CLEANUP_USAGE, run: runCleanup },
  phash: { usage: PHASH_USAGE, run: runPhashBackfill },
  reparse: { usage: REPARSE_USAGE, run: runReparse },
  stats: { usage: STATS_USAGE, run: runStats },
  models: { usage: MODELS_USAGE, run: runModels },
  backup: { usage: BACKUP_USAGE, run: runBackup },
  restore: { usage: RESTORE_USAGE, run: runRestore },
  "check-deploy": { usage: CHECK_DEPLOY_USAGE, run: runCheckDeploy },
};

const HELP = new Set(["--help", "-h"]);

/**
 * `npm run cli -- <command> …`, as an exit code. The same for every command: `--help` prints its usage (exit 0);
 * an option it does not know, or a value its options refuse, is one line naming it (exit 2); a configuration
 * problem is its message (exit 1). A user's mistake never prints a stack; only an unexpected failure does.
 */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || HELP.has(name) || name === "help") return printUsage(name === undefined ? 2 : 0);
  const command = COMMANDS[name];
  if (!command) {
    console.error(`unknown command: ${name} (npm run cli -- --help lists them)`);
    return 2;
  }
  // Options end at "--": a file named "--help" after it is a file.
  const options = args.includes("--") ? args.slice(0, args.indexOf("--")) : args;
  if (options.some((arg) => HELP.has(arg))) {
    console.log(`usage: npm run cli -- ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    const argumentProblem = parseArgsProblem(error);
    if (argumentProblem) {
      console.error(`${name}: ${argumentProblem} (npm run cli -- ${name} --help)`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

function printUsage(code: number): number {
  const lines = Object.values(COMMANDS).map((command) => `  ${command.usage}`);
  (code === 0 ? console.log : console.error)(
    `usage: npm run cli -- <command> [--help]\n\n${lines.join("\n")}`,
  );
  return code;
}

/** node:util parseArgs refusing the arguments (unknown option, missing value, stray positional): its first sentence. */
function parseArgsProblem(error: unknown): string | null {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS_")) return null;
  const message = String((error as Error).message).split("\n")[0] ?? "";
  return message.split(/\.\s/)[0]?.replace(/\.$/, "") ?? message;
}

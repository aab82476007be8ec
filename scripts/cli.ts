// `npm run cli -- <command> …`: operator commands. Each command lives in scripts/commands/ and returns an exit code;
// scripts/commands/run-cli.ts handles --help, argument mistakes and configuration problems the same for all.
import { runCli } from "./commands/run-cli";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.exitCode = await runCli(process.argv.slice(2));

// `import <folder> [--run NAME] [--recursive] [--follow-external-links] [--tags a,b] [--concurrency N] [--limit N]`
import { parseArgs } from "node:util";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { formatImportProgress } from "@/lib/importer/format-progress";
import { type ImportProgress, importFolder } from "@/lib/importer/import-folder";
import { closeStorage, createStorage } from "@/lib/storage/storage";
import { lowerBackgroundBackends } from "../background-backends";
import { runInBackground } from "../background-priority";
import { loadCliConfig } from "./cli-config";

export const IMPORT_USAGE =
  "import <folder> [--run NAME] [--recursive] [--follow-external-links] [--tags a,b] [--concurrency N] [--limit N]   import a legacy output folder";
// Without a terminal (CI logs, nohup) a line every few seconds instead of one rewritten line.
const LOG_EVERY_MS = 5000;

export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      run: { type: "string" },
      recursive: { type: "boolean", default: false },
      "follow-external-links": { type: "boolean", default: false },
      tags: { type: "string" },
      concurrency: { type: "string", default: "4" },
      limit: { type: "string" },
    },
  });
  const [folder] = positionals;
  const concurrency = Number(values.concurrency);
  if (!folder || !(Number.isInteger(concurrency) && concurrency > 0)) {
    console.error(`usage: npm run cli -- ${IMPORT_USAGE}`);
    return 2;
  }
  // Catching up on a folder is background work: a reviewer's request on this machine comes first.
  runInBackground();
  const config = await loadCliConfig();
  const db = createDatabase({ ...config.database, poolMax: concurrency + 2 });
  const storage = createStorage(config);
  const backends = lowerBackgroundBackends(config.database);
  const controller = new AbortController();
  const onSigint = () => {
    console.error("\nStopping after the files in flight; run the same command again to resume.");
    controller.abort();
  };
  process.once("SIGINT", onSigint);
  const isTty = process.stderr.isTTY;
  let lastLine = 0;
  const report = (progress: ImportProgress) => {
    const line = formatImportProgress(progress);
    if (isTty) process.stderr.write(`\r\x1b[2K${line}`);
    else if (performance.now() - lastLine > LOG_EVERY_MS || progress.done === progress.total) {
      lastLine = performance.now();
      console.error(line);
    }
  };
  try {
    const result = await importFolder(
      { db, storage, limits: config.limits },
      {
        folder,
        run: values.run,
        recursive: values.recursive,
        followExternalLinks: values["follow-external-links"],
        tags: (values.tags ?? "")
          .split(",")
          .map((tag) => tag.trim())
          .filter(Boolean),
        concurrency,
        limit: values.limit ? Number(values.limit) : undefined,
      },
      report,
      controller.signal,
    );
    if (isTty) process.stderr.write("\n");
    if (!result.ok) {
      console.error(result.error.message);
      return 1;
    }
    const summary = result.value;
    console.log(
      `\n${summary.interrupted ? "Stopped" : "Done"}: ${summary.done} of ${summary.total} files in ${(summary.elapsedMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `  imported    ${summary.imported}\n  duplicates  ${summary.duplicates}\n  failed      ${summary.failed}`,
    );
    for (const failure of summary.failures) console.log(`    ${failure.path}: ${failure.reason}`);
    if (values.run && summary.duplicates > 0) {
      // Files already stored were not uploaded again, but --run still applies to them.
      const already = summary.duplicates - summary.addedToRun - summary.notAddedToRun.length;
      console.log(
        `  of the duplicates: ${summary.addedToRun} added to run "${values.run}", ${already} already in it, ${summary.notAddedToRun.length} not added`,
      );
      for (const skipped of summary.notAddedToRun) console.log(`    ${skipped.path}: ${skipped.reason}`);
    }
    if (summary.interrupted)
      console.log(`  not yet seen ${summary.total - summary.done} (run again to resume)`);
    return summary.failed > 0 || summary.interrupted ? 1 : 0;
  } finally {
    process.off("SIGINT", onSigint);
    closeStorage(storage);
    await backends.stop();
    await closeDatabase(db);
  }
}

// `watch <folder> [--run NAME] [--tags a,b] [--recursive] [--stable-ms N]`: follow a generator's output folder.
import path from "node:path";
import { parseArgs } from "node:util";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { type WatchCounts, type WatchEvent, watchFolder } from "@/lib/importer/watch-folder";
import { closeStorage, createStorage } from "@/lib/storage/storage";
import { lowerBackgroundBackends } from "../background-backends";
import { runInBackground } from "../background-priority";
import { loadCliConfig } from "./cli-config";

export const WATCH_USAGE =
  "watch <folder> [--run NAME] [--tags a,b] [--recursive] [--stable-ms N]   import each new image of an output folder as it is written (Ctrl-C stops)";

export async function runWatch(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      run: { type: "string" },
      tags: { type: "string" },
      recursive: { type: "boolean", default: false },
      "stable-ms": { type: "string", default: "1000" },
    },
  });
  const [folder] = positionals;
  const stableMs = Number(values["stable-ms"]);
  if (!folder || !(Number.isInteger(stableMs) && stableMs > 0)) {
    console.error(`usage: npm run cli -- ${WATCH_USAGE}`);
    return 2;
  }
  // Catching up on a folder is background work: a reviewer's request on this machine comes first.
  runInBackground();
  const config = await loadCliConfig();
  const db = createDatabase({ ...config.database, poolMax: 4 });
  const storage = createStorage(config);
  const backends = lowerBackgroundBackends(config.database);
  const root = path.resolve(folder);
  const line = progressLine(root);
  const watch = watchFolder(
    { db, storage, limits: config.limits },
    {
      folder: root,
      run: values.run,
      tags: (values.tags ?? "")
        .split(",")
        .map((tag) => tag.trim())
        .filter(Boolean),
      recursive: values.recursive,
      stableMs,
      folderPollMs: 1000,
      incompleteGraceMs: 60_000,
    },
    (event) => line.print(event, watch.counts()),
  );
  await watch.ready;
  line.print(null, watch.counts());
  await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
  console.error("\nStopping after the files in flight; run the same command again to go on.");
  await watch.close();
  closeStorage(storage);
  await backends.stop();
  await closeDatabase(db);
  return 0;
}

/** One progress line (rewritten on a terminal), and one line of its own for each file that needs a person. */
function progressLine(root: string) {
  const isTty = process.stderr.isTTY;
  let folderState = "watching";
  return {
    print(event: WatchEvent | null, counts: WatchCounts) {
      const where = (file: string) => path.relative(root, file) || file;
      let message: string | null = null;
      if (event?.type === "failed") message = `✗ ${where(event.path)}: ${event.reason}`;
      if (event?.type === "retrying")
        message = `… ${where(event.path)}: ${event.reason} (trying again in ${Math.round(event.inMs / 1000)} s)`;
      if (event?.type === "folder") {
        folderState = event.state === "missing" ? "folder gone, waiting for it to come back" : "watching";
        message = event.state === "missing" ? `${root} is gone; waiting for it to come back` : null;
      }
      if (isTty) process.stderr.write("\r\x1b[2K");
      if (message) console.error(message);
      const status = `${folderState} ${root} · imported ${counts.imported} · duplicates ${counts.duplicates} · failed ${counts.failed} · waiting ${counts.waiting}`;
      if (isTty) process.stderr.write(status);
      else if (event?.type === "stored" || event === null) console.error(status);
    },
  };
}

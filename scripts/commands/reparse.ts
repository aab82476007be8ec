// `reparse [--from <image id>] [--here] [--dry-run]`: re-read every stored original's metadata with today's parsers.
// By default it queues the re-parse job (workers run it in slices at their low priority, resuming after any fault,
// and log what changed); --here runs it in this process, printing each change; --dry-run (here) only prints.
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { queueBackfill } from "@/lib/images/derive/image-jobs";
import type { ReparseProgress } from "@/lib/images/reparse/reparse-images";
import { reparseImages } from "@/lib/images/reparse/reparse-images";
import { closeStorage, createStorage } from "@/lib/storage/storage";
import { lowerBackgroundBackends } from "../background-backends";
import { runInBackground } from "../background-priority";
import { loadCliConfig } from "./cli-config";

export const REPARSE_USAGE =
  "reparse [--from <image id>] [--here] [--dry-run]   re-read embedded metadata of every stored original (posted values win): queued for the workers, or --here; --dry-run prints what would change";
const LOG_EVERY_MS = 5000;
const SHOWN_CHARS = 60;

export async function runReparse(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      "dry-run": { type: "boolean", default: false },
      here: { type: "boolean", default: false },
      from: { type: "string" },
    },
  });
  if (values.from !== undefined && !z.uuid().safeParse(values.from).success) {
    console.error(
      `usage: npm run cli -- ${REPARSE_USAGE}\n(--from takes the image id a previous run printed)`,
    );
    return 2;
  }
  const dryRun = values["dry-run"];
  if (!values.here && !dryRun) return queueForWorkers(values.from ?? null);
  // Re-reading every original is background work, here as in a worker: a reviewer's request comes first.
  runInBackground();
  const config = await loadCliConfig();
  const db = createDatabase({ ...config.database, poolMax: 2 });
  const storage = createStorage(config);
  const backends = lowerBackgroundBackends(config.database);
  const controller = new AbortController();
  const onSigint = () => {
    console.error("\nStopping after the image in flight.");
    controller.abort();
  };
  process.once("SIGINT", onSigint);
  let lastLine = 0;
  const report = (progress: ReparseProgress) => {
    if (progress.error) console.error(`  ${progress.id}  not re-read: ${progress.error}`);
    if (progress.changes.length > 0) console.log(`${progress.id}  ${progress.sha256.slice(0, 16)}`);
    for (const change of progress.changes)
      console.log(`  ${change.field}: ${show(change.from)} → ${show(change.to)}`);
    if (performance.now() - lastLine > LOG_EVERY_MS || progress.done === progress.total) {
      lastLine = performance.now();
      console.error(`[${progress.done}/${progress.total}] up to ${progress.id}`);
    }
  };
  try {
    const summary = await reparseImages(
      { db, storage, limits: config.limits },
      { dryRun, fromId: values.from, signal: controller.signal },
      report,
    );
    const verb = dryRun ? "would change" : "changed";
    console.log(
      `${summary.interrupted ? "Stopped" : "Done"}: ${summary.seen} image(s) re-read, ${summary.changed} ${verb}, ${summary.failed} failed`,
    );
    if (summary.interrupted && summary.lastId)
      console.log(
        `Resume with: npm run cli -- reparse --from ${summary.lastId}${dryRun ? " --dry-run" : " --here"}`,
      );
    return summary.failed > 0 ? 1 : 0;
  } finally {
    process.off("SIGINT", onSigint);
    await backends.stop();
    closeStorage(storage);
    await closeDatabase(db);
  }
}

async function queueForWorkers(fromId: string | null): Promise<number> {
  const config = await loadCliConfig();
  const db = createDatabase({ ...config.database, poolMax: 2 });
  try {
    await queueBackfill(db, "reparse", fromId);
    console.log(
      "Queued: the workers re-read the originals in slices and log what changed (`npm start` runs one; see the README).",
    );
    return 0;
  } finally {
    await closeDatabase(db);
  }
}

/** One line per value: long prompts and JSON are cut, newlines shown as ⏎. */
function show(value: unknown): string {
  const text = JSON.stringify(value ?? null);
  const line = text.replaceAll("\\n", "⏎");
  return line.length > SHOWN_CHARS ? `${line.slice(0, SHOWN_CHARS)}…` : line;
}

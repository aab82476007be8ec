import "server-only";
import { stat } from "node:fs/promises";
import { z } from "zod";
import type { IngestDeps } from "@/lib/images/ingest/ingest-image";
import { err, ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";
import { importFile } from "./import-file";
import { listImportFiles } from "./list-import-files";

const importFolderSchema = z.object({
  folder: storableString().min(1),
  run: storableString().trim().min(1).max(200).optional(),
  recursive: z.boolean().default(false),
  /** Follow symbolic links that lead out of the folder (off: an output folder may link to a whole disk). */
  followExternalLinks: z.boolean().default(false),
  tags: z.array(storableString().trim().min(1).max(100)).max(100).default([]),
  concurrency: z.number().int().min(1).max(64).default(4),
  /** Stop after this many files (a dry sample, or a test's "interrupted" run). */
  limit: z.number().int().positive().optional(),
  addedBy: z.uuid().nullable().optional(),
});
export type ImportFolderInput = z.input<typeof importFolderSchema>;

export type ImportProgress = {
  total: number;
  done: number;
  imported: number;
  duplicates: number;
  failed: number;
  bytes: number;
  elapsedMs: number;
};
export type ImportSummary = ImportProgress & {
  failures: { path: string; reason: string }[];
  /** Duplicates `--run` put into the run, and those it could not (with why). */
  addedToRun: number;
  notAddedToRun: { path: string; reason: string }[];
  /** True when the signal or the limit stopped the run before every file was seen. */
  interrupted: boolean;
};

/**
 * Imports every image of a folder through the ingest pipeline, `concurrency` files at a time. Resumable: files
 * whose bytes are already stored are skipped cheaply. Aborting lets the files in flight finish, then returns.
 */
export async function importFolder(
  deps: IngestDeps,
  input: ImportFolderInput,
  onProgress: (progress: ImportProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<Result<ImportSummary>> {
  const options = importFolderSchema.parse(input);
  const folder = await stat(options.folder).catch(() => null);
  if (!folder?.isDirectory()) return err("not_found", `${options.folder} is not a folder`);

  const files = await listImportFiles(options.folder, {
    recursive: options.recursive,
    followExternalLinks: options.followExternalLinks,
  });
  const started = performance.now();
  const summary: ImportSummary = {
    total: files.length,
    done: 0,
    imported: 0,
    duplicates: 0,
    failed: 0,
    bytes: 0,
    elapsedMs: 0,
    failures: [],
    addedToRun: 0,
    notAddedToRun: [],
    interrupted: false,
  };
  const stopAt = Math.min(files.length, options.limit ?? files.length);
  let next = 0;
  const worker = async () => {
    while (next < stopAt && !signal?.aborted) {
      const file = files[next++];
      if (!file) break;
      const outcome = await importFile(deps, file, {
        run: options.run,
        tags: options.tags,
        addedBy: options.addedBy,
      });
      summary.done += 1;
      summary.bytes += outcome.bytes;
      if (outcome.status === "failed") {
        summary.failed += 1;
        summary.failures.push({ path: file.relativePath, reason: outcome.reason });
      } else if (outcome.status === "imported") summary.imported += 1;
      else {
        summary.duplicates += 1;
        if (outcome.run?.status === "added") summary.addedToRun += 1;
        if (outcome.run?.status === "refused")
          summary.notAddedToRun.push({ path: file.relativePath, reason: outcome.run.reason });
      }
      summary.elapsedMs = performance.now() - started;
      onProgress({ ...summary });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, Math.max(stopAt, 1)) }, worker));
  summary.elapsedMs = performance.now() - started;
  summary.interrupted = summary.done < files.length;
  summary.failures.sort((left, right) => (left.path < right.path ? -1 : 1));
  summary.notAddedToRun.sort((left, right) => (left.path < right.path ? -1 : 1));
  return ok(summary);
}

import "server-only";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { type FSWatcher, watch } from "chokidar";
import { hasImageExtension } from "@/lib/images/file-format/image-types";
import type { IngestDeps } from "@/lib/images/ingest/ingest-image";
import type { ErrorCode } from "@/lib/result";
import { importFile } from "./import-file";
import { looksComplete } from "./looks-complete";
import { findSidecars } from "./watch-sidecars";

export type WatchOptions = {
  folder: string;
  run?: string;
  tags: string[];
  recursive: boolean;
  /** A file counts as written once its size held still this long (chokidar's awaitWriteFinish). */
  stableMs: number;
  /** How often the folder itself is checked (gone, back, replaced). */
  folderPollMs: number;
  /** A file that still looks cut off after this long is imported anyway, and the ingest judges it. */
  incompleteGraceMs: number;
};

export type WatchEvent =
  | { type: "stored"; path: string; imageId: string; duplicate: boolean }
  | { type: "failed"; path: string; reason: string }
  | { type: "retrying"; path: string; reason: string; inMs: number }
  | { type: "folder"; state: "watching" | "missing" };

export type WatchCounts = { imported: number; duplicates: number; failed: number; waiting: number };
type Settled = Omit<WatchCounts, "waiting">;

// Why an import may pass later unchanged: the database or the bucket was away (a restart), or a claim was held.
const TRANSIENT_CODES = new Set<ErrorCode>(["storage_unavailable", "database_unavailable", "conflict"]);
const MAX_RETRY_MS = 30_000;
const CONCURRENCY = 2;

type Pending = { due: number; attempts: number; incompleteSince: number | null };

/**
 * Follows a generator's output folder and imports each image once it is written (its size settled and its bytes
 * ending where its format ends), with its sidecars, through the importer. Idempotent by sha256: a restart walks the
 * folder again and finds what is stored. Outages are retried with backoff; a file the ingest refuses is reported
 * once and tried again only when it changes. The folder may vanish and come back (moved, remounted, replaced).
 */
export function watchFolder(deps: IngestDeps, options: WatchOptions, onEvent: (event: WatchEvent) => void) {
  const folder = path.resolve(options.folder);
  const counts: Settled = { imported: 0, duplicates: 0, failed: 0 };
  const pending = new Map<string, Pending>();
  // What each path held when it was settled (stored or refused): an event for the same size and time is no news.
  const settled = new Map<string, string>();
  const inFlight = new Set<string>();
  let watcher: FSWatcher | null = null;
  let identity: string | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const enqueue = (file: string, delayMs = 0) => {
    const entry = pending.get(file) ?? { due: 0, attempts: 0, incompleteSince: null };
    entry.due = Date.now() + delayMs;
    pending.set(file, entry);
    schedule(delayMs);
  };

  const schedule = (delayMs: number) => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(drain, Math.max(0, delayMs));
  };

  const drain = () => {
    timer = null;
    const now = Date.now();
    const due = [...pending.entries()].filter(([file, entry]) => entry.due <= now && !inFlight.has(file));
    for (const [file, entry] of due.slice(0, CONCURRENCY - inFlight.size)) {
      pending.delete(file);
      inFlight.add(file);
      void importOne(file, entry).then((event) => {
        inFlight.delete(file);
        if (event) onEvent(event);
        schedule(0);
      });
    }
    const next = Math.min(...[...pending.values()].map((entry) => entry.due));
    if (Number.isFinite(next) && inFlight.size < CONCURRENCY) schedule(next - now);
  };

  /** The file's outcome, told once it is no longer in flight (so the counts it is told with are settled). */
  const importOne = async (file: string, entry: Pending): Promise<WatchEvent | null> => {
    const before = await stat(file).catch(() => null);
    if (!before?.isFile()) return null; // renamed or removed before its turn: its new name has its own event
    const version = `${before.size}:${before.mtimeMs}`;
    if (settled.get(file) === version) return null;
    const bytes = await readFile(file).catch(() => null);
    if (!bytes) return null;
    if (!looksComplete(bytes)) {
      const since = entry.incompleteSince ?? Date.now();
      if (Date.now() - since < options.incompleteGraceMs) {
        pending.set(file, { ...entry, incompleteSince: since, due: Date.now() + options.stableMs });
        return null;
      }
    }
    try {
      const outcome = await importFile(deps, await findSidecars(folder, file), {
        run: options.run,
        tags: options.tags,
      });
      if (outcome.status === "failed" && outcome.code && TRANSIENT_CODES.has(outcome.code)) {
        return retry(file, entry, outcome.reason);
      }
      settled.set(file, version);
      if (outcome.status === "failed") {
        counts.failed += 1;
        return { type: "failed", path: file, reason: outcome.reason };
      }
      counts[outcome.status === "imported" ? "imported" : "duplicates"] += 1;
      return {
        type: "stored",
        path: file,
        imageId: outcome.imageId,
        duplicate: outcome.status === "duplicate",
      };
    } catch (error) {
      // Thrown, not returned: the database connection itself failed (the app's stack restarting).
      return retry(file, entry, error instanceof Error ? error.message : String(error));
    }
  };

  const retry = (file: string, entry: Pending, reason: string): WatchEvent => {
    const inMs = Math.min(MAX_RETRY_MS, 500 * 2 ** entry.attempts);
    pending.set(file, { ...entry, attempts: entry.attempts + 1, due: Date.now() + inMs });
    return { type: "retrying", path: file, reason, inMs };
  };

  const startWatcher = () => {
    watcher = watch(folder, {
      ignoreInitial: false,
      depth: options.recursive ? undefined : 0,
      awaitWriteFinish: {
        stabilityThreshold: options.stableMs,
        pollInterval: Math.min(100, options.stableMs),
      },
      // Hidden entries (.DS_Store, a writer's .partial files) and anything that is not an image by its name.
      ignored: (file, stats) =>
        path.basename(file).startsWith(".") || (stats?.isFile() === true && !hasImageExtension(file)),
    });
    watcher.on("add", (file) => enqueue(file));
    watcher.on("change", (file) => enqueue(file));
    watcher.on("unlink", (file) => pending.delete(file));
    watcher.on("error", (error) => onEvent({ type: "failed", path: folder, reason: String(error) }));
  };

  /** The folder as it is now: a watcher while it exists, none while it is gone, a fresh one if it was replaced. */
  const checkFolder = async () => {
    const info = await stat(folder).catch(() => null);
    const now = info?.isDirectory() ? `${info.dev}:${info.ino}` : null;
    if (now === identity) return;
    identity = now;
    await watcher?.close();
    watcher = null;
    if (closed) return;
    if (now) startWatcher();
    onEvent({ type: "folder", state: now ? "watching" : "missing" });
  };

  const folderTimer = setInterval(() => void checkFolder(), options.folderPollMs);
  const ready = checkFolder();

  return {
    ready,
    counts: (): WatchCounts => ({ ...counts, waiting: new Set([...pending.keys(), ...inFlight]).size }),
    async close() {
      closed = true;
      clearInterval(folderTimer);
      if (timer) clearTimeout(timer);
      await ready;
      await watcher?.close();
      while (inFlight.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}

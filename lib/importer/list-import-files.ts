import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { hasImageExtension } from "@/lib/images/file-format/image-types";

/** One image of a legacy output folder, with the sidecars found beside it. */
export type ImportFile = {
  path: string;
  relativePath: string;
  /** `<stem>.txt` or `<name>.txt`: a caption (kohya / ai-toolkit layout). */
  captionPath: string | null;
  /** `<stem>.json` or `<name>.json`: metadata in the API's schema. */
  metadataPath: string | null;
};

/**
 * The images under `root`, sorted by relative path so every run walks them in the same order. Only reads:
 * the source folder is never changed. Hidden entries (`.git`, `.DS_Store`) are skipped. Symbolic links are
 * followed only while they stay inside `root` (an old output folder may link to a whole disk) unless
 * `followExternalLinks`; each directory is walked once by its real path, so link cycles end.
 */
export async function listImportFiles(
  root: string,
  options: { recursive: boolean; followExternalLinks?: boolean },
): Promise<ImportFile[]> {
  const rootReal = await realpath(root);
  const isAllowed = (real: string) =>
    options.followExternalLinks || real === rootReal || real.startsWith(rootReal + path.sep);
  const walked = new Set<string>();
  const files: ImportFile[] = [];
  const walk = async (directory: string, directoryReal: string): Promise<void> => {
    if (walked.has(directoryReal)) return;
    walked.add(directoryReal);
    const entries = (await readdir(directory, { withFileTypes: true }))
      .filter((entry) => !entry.name.startsWith("."))
      .sort((left, right) => (left.name < right.name ? -1 : 1));
    const kinds = new Map<string, EntryKind>();
    for (const entry of entries) {
      const kind = await kindOf(entry, path.join(directory, entry.name), directoryReal);
      if (kind && isAllowed(kind.real)) kinds.set(entry.name, kind);
    }
    for (const [name, kind] of kinds) {
      const full = path.join(directory, name);
      if (kind.type === "directory" && options.recursive) await walk(full, kind.real);
      if (kind.type !== "file" || !hasImageExtension(name)) continue;
      const sidecar = (ext: string) => {
        const stem = name.slice(0, -path.extname(name).length);
        const match = [`${stem}${ext}`, `${name}${ext}`].find(
          (candidate) => kinds.get(candidate)?.type === "file",
        );
        return match ? path.join(directory, match) : null;
      };
      files.push({
        path: full,
        relativePath: path.relative(root, full),
        captionPath: sidecar(".txt"),
        metadataPath: sidecar(".json"),
      });
    }
  };
  await walk(root, rootReal);
  return files.sort((left, right) => (left.relativePath < right.relativePath ? -1 : 1));
}

type EntryKind = { type: "file" | "directory"; real: string };

/** What an entry is and where it really lives; a link is resolved, a dangling one (or a socket, …) is null. */
async function kindOf(entry: Dirent, full: string, directoryReal: string): Promise<EntryKind | null> {
  const real = path.join(directoryReal, entry.name);
  if (entry.isFile()) return { type: "file", real };
  if (entry.isDirectory()) return { type: "directory", real };
  if (!entry.isSymbolicLink()) return null;
  const [target, targetReal] = await Promise.all([stat(full), realpath(full)]).catch(() => [null, null]);
  if (!target || !targetReal) return null;
  return target.isFile() || target.isDirectory()
    ? { type: target.isFile() ? "file" : "directory", real: targetReal }
    : null;
}

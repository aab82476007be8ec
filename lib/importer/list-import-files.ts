import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/** One image of a legacy output folder, with the sidecars found beside it. */
export type ImportFile = {
  path: string;
  relativePath: string;
  /** `<stem>.txt` or `<name>.txt`: a caption (kohya / ai-toolkit layout). */
  captionPath: string | null;
  /** `<stem>.json` or `<name>.json`: metadata in the API's schema. */
  metadataPath: string | null;
};

const IMAGE_EXTENSIONS = new Set([".png", ".jpg", ".jpeg", ".webp", ".avif"]);

/**
 * The images under `root`, sorted by relative path so every run walks them in the same order. Only reads:
 * the source folder is never changed. Hidden entries (`.git`, `.DS_Store`) are skipped.
 */
export async function listImportFiles(root: string, options: { recursive: boolean }): Promise<ImportFile[]> {
  const files: ImportFile[] = [];
  const walk = async (directory: string): Promise<void> => {
    const entries = await readdir(directory, { withFileTypes: true });
    const names = new Set(entries.map((entry) => entry.name));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(directory, entry.name);
      const kind = await kindOf(entry, full);
      if (kind === "directory" && options.recursive) await walk(full);
      if (kind !== "file" || !IMAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
      const sidecar = (ext: string) => {
        const stem = entry.name.slice(0, -path.extname(entry.name).length);
        const match = [`${stem}${ext}`, `${entry.name}${ext}`].find((name) => names.has(name));
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
  await walk(root);
  return files.sort((left, right) => (left.relativePath < right.relativePath ? -1 : 1));
}

async function kindOf(entry: Dirent, full: string): Promise<"file" | "directory" | "other"> {
  if (entry.isFile()) return "file";
  if (entry.isDirectory()) return "directory";
  if (!entry.isSymbolicLink()) return "other";
  // Symlinks are followed once; a dangling one is simply not an image.
  const target = await stat(full).catch(() => null);
  return target?.isFile() ? "file" : target?.isDirectory() ? "directory" : "other";
}

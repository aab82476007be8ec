import { stat } from "node:fs/promises";
import path from "node:path";
import type { ImportFile } from "./list-import-files";

/**
 * One watched image with the sidecars beside it now (`<stem>.txt` / `<name>.txt` caption, `<stem>.json` /
 * `<name>.json` metadata), named as the folder importer names them (list-import-files.ts).
 */
export async function findSidecars(root: string, file: string): Promise<ImportFile> {
  const directory = path.dirname(file);
  const name = path.basename(file);
  const stem = name.slice(0, -path.extname(name).length);
  const first = async (ext: string) => {
    for (const candidate of [`${stem}${ext}`, `${name}${ext}`]) {
      const full = path.join(directory, candidate);
      if ((await stat(full).catch(() => null))?.isFile()) return full;
    }
    return null;
  };
  return {
    path: file,
    relativePath: path.relative(root, file),
    captionPath: await first(".txt"),
    metadataPath: await first(".json"),
  };
}

import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const SOURCE_ENTRIES = [
  "app",
  "components",
  "lib",
  "db",
  "public",
  "next.config.ts",
  "postcss.config.mjs",
  "instrumentation.ts",
  "proxy.ts",
  "tsconfig.json",
  "package-lock.json",
];
const STAMP_FILE = path.join(".next", "lightbox-build-stamp");

/** A hash of everything `next build` reads, so a start rebuilds exactly when the sources changed. */
export async function computeSourceHash(root: string): Promise<string> {
  const hash = createHash("sha256");
  for (const entry of SOURCE_ENTRIES) {
    for (const file of await listFiles(path.join(root, entry))) {
      hash.update(path.relative(root, file));
      hash.update(await readFile(file));
    }
  }
  return hash.digest("hex");
}

export async function isBuildCurrent(root: string, sourceHash: string): Promise<boolean> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) return false;
  const stamp = await readFile(path.join(root, STAMP_FILE), "utf8").catch(() => "");
  return stamp.trim() === sourceHash;
}

export async function writeBuildStamp(root: string, sourceHash: string): Promise<void> {
  await writeFile(path.join(root, STAMP_FILE), `${sourceHash}\n`);
}

async function listFiles(target: string): Promise<string[]> {
  if (!existsSync(target)) return [];
  const entries = await readdir(target, { withFileTypes: true, recursive: true }).catch(() => null);
  if (entries === null) return [target];
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith(".test.ts"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

import "server-only";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import path from "node:path";
import { type BackupManifest, objectPath } from "./backup-manifest";

/** Every file the manifest names, hashed: a damaged backup is refused before the target is touched. */
export async function verifyBackupFiles(dir: string, manifest: BackupManifest): Promise<string[]> {
  const problems: string[] = [];
  const expected = [
    ...manifest.tables.map((table) => ({ ...table, location: path.join(dir, table.file) })),
    ...(manifest.pgDump && "file" in manifest.pgDump
      ? [{ ...manifest.pgDump, location: path.join(dir, manifest.pgDump.file) }]
      : []),
    ...Object.entries(manifest.objects).map(([key, object]) => ({
      ...object,
      location: objectPath(dir, key),
    })),
  ];
  for (const entry of expected) {
    const actual = await hashFile(entry.location).catch(() => null);
    if (!actual) problems.push(`${entry.location} is missing`);
    else if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes) {
      problems.push(`${entry.location} does not match its sha256 in the manifest`);
    }
  }
  return problems;
}

export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

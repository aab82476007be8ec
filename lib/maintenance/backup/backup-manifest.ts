import "server-only";
import { randomBytes } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const MANIFEST_FILE = "manifest.json";
const FORMAT = "lightbox-backup/1";

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

const backupTableSchema = z.object({
  name: z.string(),
  /** Stored columns in file order (generated columns are recomputed on restore). */
  columns: z.array(z.string()).min(1),
  rows: z.number().int().nonnegative(),
  /** Relative to the backup folder; `COPY … TO STDOUT` text format. */
  file: z.string(),
  sha256: sha256Hex,
  bytes: z.number().int().nonnegative(),
});
export type BackupTable = z.infer<typeof backupTableSchema>;

const backupObjectSchema = z.object({
  sha256: sha256Hex,
  bytes: z.number().int().nonnegative(),
  contentType: z.string().nullable(),
});
export type BackupObject = z.infer<typeof backupObjectSchema>;

const backupManifestSchema = z.object({
  format: z.literal(FORMAT),
  createdAt: z.string(),
  /** The `hash` of every applied drizzle migration, in order: restore needs the same app version. */
  migrations: z.array(z.string()),
  /** In foreign-key dependency order: restore loads them in this order. */
  tables: z.array(backupTableSchema),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string().nullable() })),
  /** Every object the snapshot's rows name and the bucket held, by key (stored under objects/<key>). */
  objects: z.record(z.string(), backupObjectSchema),
  /** A pg_dump archive of the same snapshot when a compatible pg_dump was on the PATH, else why not. */
  pgDump: z
    .union([
      z.object({
        file: z.string(),
        version: z.string(),
        sha256: sha256Hex,
        bytes: z.number().int().nonnegative(),
      }),
      z.object({ skipped: z.string() }),
    ])
    .optional(),
  /** Keys the rows name that the bucket did not hold when the backup ran (the doctor reports these too). */
  missingObjects: z.array(z.string()),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export function newManifest(
  fields: Omit<BackupManifest, "format" | "createdAt">,
  createdAt = new Date(),
): BackupManifest {
  return { format: FORMAT, createdAt: createdAt.toISOString(), ...fields };
}

/** The manifest of an earlier backup in `dir`, or null when there is none (a first run). */
export async function readManifest(dir: string): Promise<BackupManifest | null> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return backupManifestSchema.parse(JSON.parse(text));
}

/** Written last and renamed into place, so a backup cut short leaves the previous manifest intact. */
export async function writeManifest(dir: string, manifest: BackupManifest): Promise<void> {
  const temporary = path.join(dir, `${MANIFEST_FILE}.${randomBytes(4).toString("hex")}.tmp`);
  await writeFile(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(temporary, path.join(dir, MANIFEST_FILE));
}

/** objects/<key>; keys come from our own key builders, but a backup folder is outside input: refuse `..`. */
export function objectPath(dir: string, key: string): string {
  if (!/^[A-Za-z0-9._/-]+$/.test(key) || key.split("/").some((part) => part === ".." || part === "")) {
    throw new Error(`refusing an object key that is not a plain relative path: ${JSON.stringify(key)}`);
  }
  return path.join(dir, "objects", key);
}

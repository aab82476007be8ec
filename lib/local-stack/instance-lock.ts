import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { isProcessAlive } from "./processes";

/** `services`: the embedded servers' variables, so CLI commands can reach a running local stack. */
export type LockHolder = { pid: number; url: string; services?: Record<string, string> };

/**
 * One launcher per data directory. Returns the live holder when another launcher owns `.data/`, else takes
 * the lock (replacing one left by a launcher that died without cleaning up).
 */
export async function acquireInstanceLock(dataDir: string, url: string): Promise<LockHolder | null> {
  const file = path.join(dataDir, "lightbox.lock");
  const holder = await readLock(file);
  if (holder && holder.pid !== process.pid && isProcessAlive(holder.pid)) return holder;
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify({ pid: process.pid, url } satisfies LockHolder));
  return null;
}

export async function updateInstanceLock(
  dataDir: string,
  url: string,
  services: Record<string, string>,
): Promise<void> {
  await writeFile(
    path.join(dataDir, "lightbox.lock"),
    JSON.stringify({ pid: process.pid, url, services } satisfies LockHolder),
    { mode: 0o600 },
  );
}

/** The launcher running from `dataDir`, if any. */
export async function findRunningInstance(dataDir: string): Promise<LockHolder | null> {
  const holder = await readLock(path.join(dataDir, "lightbox.lock"));
  return holder && isProcessAlive(holder.pid) ? holder : null;
}

export async function releaseInstanceLock(dataDir: string): Promise<void> {
  const file = path.join(dataDir, "lightbox.lock");
  const holder = await readLock(file);
  if (holder?.pid === process.pid) await rm(file, { force: true });
}

async function readLock(file: string): Promise<LockHolder | null> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as Partial<LockHolder>;
    return typeof parsed.pid === "number"
      ? { pid: parsed.pid, url: String(parsed.url ?? ""), services: parsed.services }
      : null;
  } catch {
    return null;
  }
}

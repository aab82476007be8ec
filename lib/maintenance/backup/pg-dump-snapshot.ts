import "server-only";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { BackupManifest } from "./backup-manifest";
import { hashFile } from "./verify-backup-files";

const run = promisify(execFile);

/**
 * Also writes a `pg_dump` custom-format archive of the SAME snapshot (`--snapshot`, exported by the backup's
 * transaction), for operators who restore with standard tools. Only with a pg_dump at least as new as the
 * server: an older one refuses to dump (Debian 12 ships 15; the embedded server is 18). Restore itself always
 * loads the COPY files, which need no client version.
 */
export async function dumpSnapshotWithPgDump(options: {
  databaseUrl: string;
  serverMajor: number;
  snapshot: string;
  dir: string;
  file: string;
}): Promise<NonNullable<BackupManifest["pgDump"]>> {
  // An absolute path, so the dump itself can run with an environment holding nothing but the password.
  const binary = await run("sh", ["-c", "command -v pg_dump"]).then(
    ({ stdout }) => stdout.trim() || null,
    () => null,
  );
  if (!binary) return { skipped: "no pg_dump on the PATH" };
  const version = (await run(binary, ["--version"])).stdout.trim();
  const major = Number(/\s(\d+)(?:\.\d+)?/.exec(version)?.[1] ?? 0);
  if (major < options.serverMajor) {
    return {
      skipped: `pg_dump ${major} on the PATH is older than the server (${options.serverMajor}) and cannot dump it`,
    };
  }
  const url = new URL(options.databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  // The password goes through the environment, not the command line other users can read with ps.
  const dumped = await run(
    binary,
    [
      "--format=custom",
      "--no-owner",
      "--no-privileges",
      `--snapshot=${options.snapshot}`,
      "--file",
      path.join(options.dir, options.file),
      url.toString(),
    ],
    { env: { NODE_ENV: "production", PGPASSWORD: password } },
  ).then(
    () => null,
    (error: Error) => error.message.split("\n").slice(-2).join(" ").trim(),
  );
  // The COPY files are the backup; a failed extra archive is reported in the manifest, not fatal.
  if (dumped) return { skipped: `pg_dump failed: ${dumped}` };
  return { file: options.file, version, ...(await hashFile(path.join(options.dir, options.file))) };
}

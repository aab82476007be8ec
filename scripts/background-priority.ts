// Background work (the job worker, folder imports and watches) runs at a lower CPU priority than the web server:
// on a machine it shares with the app, it gets the cycles the app leaves idle, and a reviewer's request preempts it.
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";

/**
 * Niceness 19, the lowest: scheduler weight 15 against the web server's 1024, 1.5% of a core when both want it,
 * all of an idle one. Each background process and each of its Postgres backends is a scheduling group of its own
 * (below), so their weights add up: at niceness 10 (110 each) the half dozen busy during a team's morning held the
 * server's core for ~40% of the time it waited for one; at 19, ~20%.
 */
export const BACKGROUND_NICENESS = 19;
/** The application name of a background process's database connections: its backends are found by it. */
export const BACKGROUND_APPLICATION_NAME = "lightbox-background";

/**
 * Lowers this process's niceness and, on Linux with autogroup scheduling (most desktops and servers), its
 * session's: there niceness only orders processes within one session, so a worker or importer in a session of its
 * own (the launcher starts the worker so; a service manager or `setsid` can start an import so) must lower the
 * group's to yield to the web server's session. The group's is changed only when this process leads its session,
 * never a terminal's that other programs share. Lowering either needs no privilege. Names the process's database
 * connections (PGAPPNAME, which both drivers read) so lowerBackgroundBackends can find their Postgres backends.
 * Returns the niceness in effect.
 */
export function runInBackground(niceness = BACKGROUND_NICENESS): number {
  process.env.PGAPPNAME = BACKGROUND_APPLICATION_NAME;
  try {
    os.setPriority(niceness);
  } catch {
    // not permitted here (a container policy): normal priority
  }
  if (leadsOwnSession()) {
    try {
      writeFileSync("/proc/self/autogroup", String(niceness));
    } catch {
      // no autogroup scheduling (containers, macOS): the process niceness above is what counts
    }
  }
  return os.getPriority();
}

/**
 * Whether the process leads its session, so has an autogroup scheduling group of its own ("self": this process).
 * /proc/<pid>/stat reads "pid (comm) state ppid pgrp session …"; comm may hold spaces, so read after its ")".
 */
export function leadsOwnSession(pid: number | "self" = "self"): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const session = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[3]);
    return session === (pid === "self" ? process.pid : pid);
  } catch {
    return false;
  }
}

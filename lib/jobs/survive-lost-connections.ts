import "server-only";
import { isDatabaseUnavailable } from "@/lib/db/database-errors";
import { log } from "@/lib/logger";

/**
 * A worker outlives database restarts: every query it awaits handles a lost connection (the job runs again), but a
 * restart can also reject a query nobody awaits any more, inside a driver's pool, with only the socket's error
 * (`read ECONNRESET`, no stack to a caller; porsager/postgres#600 is one report). Such a rejection is logged and
 * the worker carries on; any other unhandled rejection is a bug and ends the process (exit 1: `npm start`, docker
 * and Railway start it again), as Node would.
 */
export function surviveLostConnections(): void {
  process.on("unhandledRejection", (reason) => {
    if (isDatabaseUnavailable(reason)) {
      log.warn(
        { err: reason },
        "worker: a connection lost in a restart failed a query no one awaited; carrying on",
      );
      return;
    }
    log.error({ err: reason }, "worker: unhandled rejection");
    process.exit(1);
  });
}

import "server-only";
import { type Config, getConfig } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { getDb } from "@/lib/db/get-db";
import { fenceTransactions } from "@/lib/db/request-fence";
import { type IngestGate, webIngestGate } from "@/lib/images/ingest/ingest-gate";
import { getStorage, type Storage } from "@/lib/storage/storage";

/**
 * What every door in lib/http hands its handler (like a tRPC `ctx`): the stores the domain functions in lib/ take,
 * so a handler passes `ctx` (or `ctx.db`) on instead of assembling `{ db, storage }` itself.
 */
export type HandlerContext = {
  readonly db: Database;
  readonly storage: Storage;
  /** The deployment's size limits, which ingest and the doctor take beside the stores. */
  readonly limits: Config["limits"];
  /**
   * The process's ingest gate: every door that stores images passes `ctx` to ingestImage, so each one is gated
   * without having to remember it.
   */
  readonly ingestGate: IngestGate;
};

let provided: Partial<HandlerContext> = {};

/**
 * One request's context. Each part is made on first use (getters), so a handler that never touches the object
 * store never creates its client, and a request refused at the door opens nothing new.
 */
export function handlerContext(): HandlerContext {
  const given = provided;
  return {
    get db() {
      return given.db ?? getDb();
    },
    get storage() {
      return given.storage ?? getStorage();
    },
    get limits() {
      return given.limits ?? getConfig().limits;
    },
    get ingestGate() {
      return given.ingestGate ?? webIngestGate();
    },
  };
}

/**
 * The seam for tests: from now on every door of this process hands its handlers these parts (a test file's own
 * database and bucket, a store that is down) instead of the ones the config names; parts left out stay the
 * config's. The database gets the doors' credential fence (lib/db/request-fence.ts), as getDb's pool has.
 */
export function provideHandlerContext(context: Partial<HandlerContext>): void {
  const { db, ...rest } = context;
  provided = { ...rest, db: db && fenceTransactions(db) };
}

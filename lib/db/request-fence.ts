import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Database, Queryable, Transaction } from "@/lib/db/client";

/**
 * What a request may still do once the credential it was let in with is withdrawn (an API key revoked or expired,
 * a user disabled, demoted below the door's role, or signed out everywhere) while it runs:
 *   - it may finish its reads, and bookkeeping that carries no meaning (sha256 and Idempotency-Key claims, the
 *     key's last-used stamp, objects no row names yet, which a failed write removes or the doctor collects);
 *   - every write that carries meaning commits before the withdrawal commits, or not at all.
 * How: the door runs the request under a fence (`runFenced`), a check of its credential. Every transaction the
 * request opens on the app's pool runs that check first (`fenceTransactions`), and the check locks the credential's
 * row FOR KEY SHARE; whatever withdraws a credential locks that row FOR UPDATE first (lib/auth/credential-fence.ts).
 * So a withdrawal waits for the writes in flight to commit, and a write that starts after it waits for it and then
 * reads the withdrawn credential, and is refused (401/403, ThrownAppError). A write that is a single statement goes
 * through `fencedWrite`, which opens that transaction only when there is a fence (the CLI and importer have none).
 */
export type FenceCheck = (tx: Transaction) => Promise<void>;

const fences = new AsyncLocalStorage<FenceCheck>();

/** Runs a request's work under the check of its credential (set by the doors in lib/http). */
export function runFenced<T>(check: FenceCheck, work: () => Promise<T>): Promise<T> {
  return fences.run(check, work);
}

const fenced = new WeakSet<Database>();

/**
 * Makes every transaction opened on `db` run the current request's fence check before its work (once: fencing a
 * pool again, as a test that hands the doors its own pool may, does not add a second check).
 */
export function fenceTransactions(db: Database): Database {
  if (fenced.has(db)) return db;
  fenced.add(db);
  const transaction = db.transaction.bind(db);
  db.transaction = ((
    work: (tx: Transaction) => Promise<unknown>,
    config?: Parameters<Database["transaction"]>[1],
  ) =>
    transaction(async (tx) => {
      await fences.getStore()?.(tx);
      return work(tx);
    }, config)) as Database["transaction"];
  return db;
}

/**
 * One write statement where the request's credential is checked: in a fenced transaction when the request has a
 * fence (a door), straight on the pool when not (the CLI, the importer), and as is inside a transaction already.
 */
export function fencedWrite<T>(db: Queryable, write: (q: Queryable) => Promise<T>): Promise<T> {
  if (db instanceof PgTransaction || !fences.getStore()) return write(db);
  return db.transaction(write);
}

/**
 * Sends the statements now, in this order, without waiting for each answer, and resolves with every answer. In a
 * transaction (one connection) Postgres runs them one after another, each in a snapshot that sees the ones before
 * it, so statements that need nothing from an earlier answer cost one round trip together instead of one each.
 * Under load that is what a short request mostly waits for: each answer waits its turn on a busy event loop.
 * Drizzle sends a query when it is first awaited (`then`): hand statements here as they are built, unsent. A
 * helper that sends its own (returns a pipelined promise) sends them when it is called, so call such helpers one
 * after another in the order their statements must run, and await them together.
 * The first failure rejects; Postgres fails the rest of the transaction with it.
 */
export function pipelined<T extends readonly unknown[]>(
  ...statements: { [K in keyof T]: PromiseLike<T[K]> }
): Promise<T> {
  return Promise.all(statements) as unknown as Promise<T>;
}

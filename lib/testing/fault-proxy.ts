// A TCP proxy for fault-injection tests: sits between the app and Postgres or the S3 server and, when told,
// delays, refuses, stalls or cuts connections, including mid-stream. No protocol knowledge beyond an optional
// byte pattern (e.g. a Postgres `commit`), so it works the same for both servers.
import net from "node:net";

type Direction = "upstream" | "downstream";

type FaultMode =
  | { kind: "pass" }
  /** Every chunk, both ways, is forwarded this much later (order kept). */
  | { kind: "delay"; ms: number }
  /** New connections are reset as soon as they are accepted; live ones carry on. */
  | { kind: "refuse" }
  /** Connections are accepted and data is read, but nothing is forwarded until the mode changes. */
  | { kind: "stall" }
  /** Each connection is reset once `bytes` have crossed it in `direction` (counted from when this mode was set). */
  | { kind: "cut-after-bytes"; direction: Direction; bytes: number };

/**
 * A one-shot trigger on the first upstream chunk containing `pattern`: `cut-before` resets that connection
 * without forwarding it, `cut-after` forwards it and then drops the client side (the server still acts on
 * it, the client never hears back), `stall` holds it and everything after it on that connection.
 */
export type PatternFault = { pattern: string | Buffer; action: "cut-before" | "cut-after" | "stall" };

export type FaultProxy = {
  port: number;
  /** host:port, for building URLs */
  address: string;
  setMode(mode: FaultMode): void;
  /** Resolves when the trigger fires. */
  onUpstreamMatch(fault: PatternFault): Promise<void>;
  /** Drops an armed trigger that has not fired. */
  disarm(): void;
  /** Resets every live connection now. */
  cutAll(): void;
  /** Connections accepted so far (refused ones included). */
  readonly accepted: number;
  close(): Promise<void>;
};

// A half-close travels through the same path as the data, so a delayed or held stream ends after its bytes.
const END = Buffer.alloc(0);

type Pair = {
  client: net.Socket;
  server: net.Socket | null;
  counted: Record<Direction, number>;
  held: { direction: Direction; chunk: Buffer }[];
  pinned: boolean;
  queueUntil: Record<Direction, number>;
};

/** Listens on 127.0.0.1 (a free port) and forwards to `target`. */
export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let mode: FaultMode = { kind: "pass" };
  let trigger: { fault: PatternFault; fired: () => void } | null = null;
  let accepted = 0;
  const pairs = new Set<Pair>();

  const reset = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.resetAndDestroy();
    pair.server?.resetAndDestroy();
  };

  const write = (pair: Pair, direction: Direction, chunk: Buffer) => {
    const to = direction === "upstream" ? pair.server : pair.client;
    if (!to || to.destroyed) return;
    if (chunk === END) to.end();
    else to.write(chunk);
  };

  const forward = (pair: Pair, direction: Direction, chunk: Buffer) => {
    if (!pairs.has(pair)) return;
    if (pair.pinned || mode.kind === "stall") {
      pair.held.push({ direction, chunk });
      return;
    }
    if (direction === "upstream" && trigger && chunk !== END && chunk.includes(trigger.fault.pattern)) {
      const { fault, fired } = trigger;
      trigger = null;
      fired();
      if (fault.action === "cut-before") return reset(pair);
      if (fault.action === "stall") {
        pair.pinned = true;
        pair.held.push({ direction, chunk });
        return;
      }
      write(pair, direction, chunk);
      // The server keeps its side open long enough to act on the chunk; the client loses the answer.
      pairs.delete(pair);
      pair.client.resetAndDestroy();
      setTimeout(() => pair.server?.destroy(), 1000).unref();
      return;
    }
    if (mode.kind === "cut-after-bytes" && mode.direction === direction && chunk !== END) {
      const room = mode.bytes - pair.counted[direction];
      pair.counted[direction] += chunk.length;
      if (room <= chunk.length) {
        if (room > 0) write(pair, direction, chunk.subarray(0, room));
        // Let the partial chunk reach the other side before the reset.
        setImmediate(() => reset(pair));
        return;
      }
    }
    if (mode.kind === "delay") {
      const at = Math.max(Date.now() + mode.ms, pair.queueUntil[direction]);
      pair.queueUntil[direction] = at;
      setTimeout(() => write(pair, direction, chunk), at - Date.now());
      return;
    }
    write(pair, direction, chunk);
  };

  // Half-open on both sides: a client that sends its request and half-closes still gets the answer.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    accepted += 1;
    client.on("error", () => {});
    if (mode.kind === "refuse") {
      client.resetAndDestroy();
      return;
    }
    const pair: Pair = {
      client,
      server: null,
      counted: { upstream: 0, downstream: 0 },
      held: [],
      pinned: false,
      queueUntil: { upstream: 0, downstream: 0 },
    };
    pairs.add(pair);
    const upstream = net.connect({ port: target.port, host: target.host, allowHalfOpen: true });
    pair.server = upstream;
    upstream.on("error", () => reset(pair));
    client.on("data", (chunk) => forward(pair, "upstream", chunk));
    upstream.on("data", (chunk) => forward(pair, "downstream", chunk));
    client.on("end", () => forward(pair, "upstream", END));
    upstream.on("end", () => forward(pair, "downstream", END));
    // A clean close travels as END above (after any delayed or held bytes); only a failure tears both down.
    client.on("close", (hadError) => {
      pairs.delete(pair);
      if (hadError) upstream.resetAndDestroy();
    });
    upstream.on("close", (hadError) => {
      if (hadError) reset(pair);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;

  const releaseHeld = () => {
    for (const pair of pairs) {
      if (pair.pinned) continue;
      const held = pair.held.splice(0);
      for (const { direction, chunk } of held) forward(pair, direction, chunk);
    }
  };

  return {
    port,
    address: `127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    setMode(next) {
      mode = next;
      for (const pair of pairs) pair.counted = { upstream: 0, downstream: 0 };
      if (next.kind !== "stall") releaseHeld();
    },
    onUpstreamMatch(fault) {
      return new Promise((resolve) => {
        trigger = { fault, fired: resolve };
      });
    },
    disarm() {
      trigger = null;
    },
    cutAll() {
      for (const pair of [...pairs]) reset(pair);
    },
    async close() {
      trigger = null;
      for (const pair of [...pairs]) reset(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

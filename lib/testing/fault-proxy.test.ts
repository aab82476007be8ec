import net from "node:net";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { type FaultProxy, startFaultProxy } from "./fault-proxy";

// An echo server stands in for Postgres or S3: whatever goes up comes back down.
const echo = net.createServer((socket) => {
  socket.on("error", () => {});
  socket.pipe(socket);
});
await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
const target = { host: "127.0.0.1", port: (echo.address() as net.AddressInfo).port };
const proxy: FaultProxy = await startFaultProxy(target);

afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => echo.close(resolve));
});

beforeEach(() => {
  proxy.setMode({ kind: "pass" });
  proxy.cutAll();
});

type Exchange = { received: Buffer; error: string | null; ms: number };

/** Sends `payload`, half-closes, and collects the echo until the socket closes or `waitMs` passes. */
function exchange(payload: Buffer | string, waitMs = 1000): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    let error: string | null = null;
    const socket = net.connect(proxy.port, "127.0.0.1", () => socket.end(payload));
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ received: Buffer.concat(chunks), error, ms: Date.now() - started });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", (failure: NodeJS.ErrnoException) => {
      error = failure.code ?? failure.message;
    });
    socket.on("close", finish);
  });
}

describe("fault proxy", () => {
  it("passes bytes through both ways", async () => {
    const result = await exchange("hello");
    expect(result).toMatchObject({ received: Buffer.from("hello"), error: null });
  });

  it("delays each direction by the given time, in order", async () => {
    proxy.setMode({ kind: "delay", ms: 150 });
    const result = await exchange("abc");
    expect(result.received.toString()).toBe("abc");
    expect(result.ms).toBeGreaterThanOrEqual(290);
  });

  it("refuses new connections with a reset", async () => {
    proxy.setMode({ kind: "refuse" });
    const result = await exchange("x");
    expect(result.received.length).toBe(0);
    expect(result.error).toBe("ECONNRESET");
  });

  it("stalls: accepts but forwards nothing until the mode changes", async () => {
    proxy.setMode({ kind: "stall" });
    const stalled = exchange("later", 2000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.setMode({ kind: "pass" });
    const result = await stalled;
    expect(result.received.toString()).toBe("later");
    expect(result.ms).toBeGreaterThanOrEqual(290);
  });

  it("cuts a connection mid-stream after N bytes, delivering exactly those", async () => {
    proxy.setMode({ kind: "cut-after-bytes", direction: "downstream", bytes: 1000 });
    const result = await exchange(Buffer.alloc(50_000, 7));
    expect(result.received.length).toBe(1000);
    expect(result.ms).toBeLessThan(1000);
  });

  it("cuts every live connection on demand", async () => {
    const live = exchange("", 2000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    proxy.cutAll();
    expect((await live).ms).toBeLessThan(1000);
  });

  it("fires a one-shot trigger on an upstream pattern", async () => {
    const fired = proxy.onUpstreamMatch({ pattern: "commit", action: "cut-before" });
    const result = await exchange("begin;commit");
    await fired;
    expect(result).toMatchObject({ received: Buffer.alloc(0), error: "ECONNRESET" });
    expect((await exchange("commit")).received.toString()).toBe("commit");
  });
});

// The app's HTTP server under `npm start` / `npm run dev`: Next's own request handler behind a plain Node server
// that knows the connecting address. Next keeps an incoming X-Forwarded-For as the client wrote it (it fills one
// in only when it is missing), so with no proxy in front (TRUST_PROXY=none) the header is replaced here by the
// address the connection came from. With a proxy configured it is left alone for lib/http/client-ip.ts.
// A request to a page path whose body would be refused anyway (over the server action limit, or of unknown length)
// is answered here before a byte of it is read, and its connection closed soon after: Next would receive all of it
// first. So are requests Next cannot even start on (TRACE, CONNECT, the `OPTIONS *` target).
// With INGEST_LANE=process (the default) `start` also runs the ingest lane, `serve-app lane`: the same app on a Unix
// socket at a lower priority, to which this server hands the API's image posts (lib/http/doors/ingest-lane.ts).
import { rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import path from "node:path";
import next from "next";
import { getConfig } from "@/lib/config";
import { registerIngestLaneProbe } from "@/lib/health/ingest-lane-probe";
import { cameThroughFront, forwardToIngestLane, isIngestLaneRequest } from "@/lib/http/doors/ingest-lane";
import { refusePageBodyUnread } from "@/lib/http/doors/page-body";
import { statusOf } from "@/lib/http/responses/errors";
import { lowerBackgroundBackends } from "./background-backends";
import { runInBackground } from "./background-priority";
import { type SupervisedLane, superviseIngestLane } from "./ingest-lane-process";

const [mode, portArgument] = process.argv.slice(2);
const isLane = mode === "lane";
// The lane listens on the Unix socket it is handed, not on a port.
const port = isLane ? 0 : Number(portArgument);
if ((mode !== "start" && mode !== "dev" && !isLane) || !Number.isInteger(port)) {
  console.error("usage: serve-app start|dev <port>");
  process.exit(2);
}

const laneToken = process.env.LIGHTBOX_INGEST_LANE_TOKEN ?? "";
const laneSocket = process.env.LIGHTBOX_INGEST_LANE_SOCKET ?? "";
if (isLane && (!laneToken || !laneSocket)) {
  console.error("serve-app lane runs under serve-app start, which hands it its token and socket");
  process.exit(2);
}
if (isLane) {
  runInBackground();
  lowerBackgroundBackends(getConfig().database);
}
// The lane's requests come through this server, which already set X-Forwarded-For as it should be.
const isProxied = isLane || getConfig().trustProxy.kind !== "none";
const lane: SupervisedLane | null =
  mode === "start" && getConfig().ingestLane === "process"
    ? superviseIngestLane({ execArgv: process.execArgv, serveApp: import.meta.filename })
    : null;
if (lane) registerIngestLaneProbe(() => (lane.current() ? "ok" : "restarting"));
let server: Server | undefined;

// Registered before the app is prepared (which takes seconds), so a Ctrl-C during the start stops the lane too.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    const closed = new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    void Promise.all([closed, lane?.stop()]).then(() => process.exit(0));
    // A browser's keep-alive or streaming download must not hold the launcher's shutdown.
    setTimeout(() => {
      lane?.kill();
      process.exit(0);
    }, 3000).unref();
  });
}
// The lane lives only as long as the server that feeds it, even one killed without a word, and even during its
// own start (then its private folder, which that server would have removed, goes with the lane).
if (isLane)
  process.on("disconnect", () => {
    rmSync(path.dirname(laneSocket), { recursive: true, force: true });
    process.exit(0);
  });

// A client that breaks off while its request body is being read is no server fault, yet Next prints Node's
// "Error: aborted" (ECONNRESET) with a stack for each one. Only that error, alone on the line, is dropped.
const printError = console.error.bind(console);
console.error = (...values: unknown[]) => {
  if (values.length === 1 && isClientAbort(values[0])) return;
  printError(...values);
};

const app = next({ dev: mode === "dev", dir: path.resolve(import.meta.dirname, ".."), port });
await app.prepare();
const handle = app.getRequestHandler();
const upgrade = app.getUpgradeHandler();

server = createServer((req, res) => {
  if (isLane && !cameThroughFront(req, laneToken)) {
    res.writeHead(statusOf("forbidden"), { "Content-Type": "application/json", Connection: "close" });
    res.end(JSON.stringify({ error: { code: "forbidden", message: "Send requests to the app's own port" } }));
    return;
  }
  if (!isProxied) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  if (lane && isIngestLaneRequest(req.method, req.url)) {
    // Next fills in a missing X-Forwarded-For with the connection's address; in the lane that would be this server.
    req.headers["x-forwarded-for"] ??= req.socket.remoteAddress ?? "";
    forwardToIngestLane(lane.current(), req, res);
    return;
  }
  const refused = UNSUPPORTED_METHODS.has(req.method ?? "")
    ? ({ code: "invalid_request", message: `${req.method} is not a method this server takes` } as const)
    : isPathTarget(req.url)
      ? refusePageBodyUnread({ url: req.url, headers: { get: (name) => headerOf(req, name) } })
      : ({ code: "invalid_request", message: "The request target must be a path" } as const);
  if (refused) {
    // Kept open (even when the client asked to close) so Node does not close it the moment the answer is out.
    res.shouldKeepAlive = true;
    res.writeHead(statusOf(refused.code), { "Content-Type": "application/json" });
    res.end(JSON.stringify({ error: refused }));
    // The body is not wanted, but closing at once would reset the connection under the client's writes and lose
    // the answer: the rest is read into nothing for a moment, then the connection is closed.
    req.resume();
    setTimeout(() => req.socket.destroy(), 2000).unref();
    return;
  }
  void handle(req, res);
});

// Methods the WHATWG Request that Next makes of every request refuses to carry: it throws, and the answer is a 500.
const UNSUPPORTED_METHODS = new Set(["TRACE", "TRACK"]);

// Next makes a URL of the target and throws, answering nothing, for one that is not a path or an absolute URL
// (`OPTIONS *`, the asterisk form, which asks about the server as a whole).
function isPathTarget(target: string | undefined): target is string {
  return target !== undefined && (target.startsWith("/") || URL.canParse(target));
}

/** The error Node's request stream fails with when the client closes before its body is whole. */
function isClientAbort(value: unknown): boolean {
  return (
    value instanceof Error && value.message === "aborted" && "code" in value && value.code === "ECONNRESET"
  );
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
}

// CONNECT asks for a tunnel, which this server does not make (Node would close without a word).
server.on("connect", (req, socket) => {
  const body = JSON.stringify({
    error: { code: "invalid_request", message: `${req.method} is not a method this server takes` },
  });
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
  );
});
// Hot reload in dev talks over a WebSocket. The lane takes no upgrade: the front forwards only two POST paths.
server.on("upgrade", (req, socket, head) => (isLane ? socket.destroy() : void upgrade(req, socket, head)));
if (isLane) {
  // Only the front connects, and its agent closes an idle connection first (lib/http/doors/ingest-lane.ts).
  server.keepAliveTimeout = 0;
  server.listen(laneSocket, () => {
    if (process.connected) process.send?.({ listening: true });
  });
} else {
  // Image posts that arrive first would find no lane: the server opens once it runs (or failed to start).
  await lane?.ready;
  server.listen(port, () => console.log(`[lightbox] app server listening on port ${port}`));
}

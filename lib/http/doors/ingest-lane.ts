import { timingSafeEqual } from "node:crypto";
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { pipeline } from "node:stream";
import { statusOf } from "@/lib/http/responses/errors";

// The ingest lane: under `npm start` the app's server (scripts/serve-app.ts) hands the API's image posts to a
// second server process of the same app, at a lower CPU priority, and serves everything else itself. Storing a
// new image (reading a multipart body, the sha256, parsing what the file embeds, the object store's PUT) is CPU
// work on an event loop; in the reviewers' process every desk request waited behind it, and the kernel could not
// tell a decision from an upload. In the lane the image work gets every cycle the desk leaves idle and no more.
// Only what a generator sends in bulk goes there; the upload page's server actions (a person's few files) stay.

/** The header with which the front proves a request came through it; the lane refuses any request without it. */
export const INGEST_LANE_TOKEN_HEADER = "x-lightbox-ingest-lane";

const LANE_PATHS = [/^\/api\/v1\/images(?:\?|$)/, /^\/api\/v1\/uploads\/[^/?]+\/complete(?:\?|$)/];

// Headers about one connection, not the request: each side's Node writes its own (and frames the body itself, so
// Transfer-Encoding goes too), as do the headers a Connection header names. Expect too: this server already
// answered a client's `Expect: 100-continue`, and the body is on its way.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "upgrade",
  "te",
  "trailer",
  "transfer-encoding",
  "expect",
]);

/**
 * Where the lane listens: a Unix socket in a folder only this user can enter (cheaper per forwarded byte than a
 * loopback TCP port, whose socket writes were ~5% of the front's CPU under a team's load), and the token it checks.
 */
export type IngestLane = { socketPath: string; token: string };

/** Whether the request is an image post the lane stores (POST /api/v1/images, a direct upload's completion). */
export function isIngestLaneRequest(method: string | undefined, url: string | undefined): boolean {
  return method === "POST" && url !== undefined && LANE_PATHS.some((path) => path.test(url));
}

// Kept-alive connections to the lane: a generator's next post does not wait for a new connection. This side closes
// an idle one (the lane never does: serve-app), so a post is never sent on a socket the lane is closing.
const agent = new http.Agent({ keepAlive: true, timeout: 30_000 });

/**
 * Forwards the request to the lane as it arrives and its answer back as it comes; with no lane running (it died
 * and is restarting), or when the lane breaks off before answering, the client gets `503 overloaded` with
 * Retry-After, which the README's clients honour by sending the same request again: nothing was stored.
 */
export function forwardToIngestLane(
  lane: IngestLane | null,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (!lane) {
    answerLaneUnavailable(req, res);
    return;
  }
  const upstream = http.request({
    socketPath: lane.socketPath,
    method: req.method,
    path: req.url,
    headers: { ...withoutHopByHop(req.headers), [INGEST_LANE_TOKEN_HEADER]: lane.token },
    agent,
  });
  upstream.on("response", (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, withoutHopByHop(answer.headers));
    pipeline(answer, res, () => {});
    // The lane answered before the body was whole (413 on its declared length, 401): the rest is not forwarded
    // but read into nothing for a moment, so the answer is not lost to a reset; a body still coming then is cut.
    answer.once("end", () => {
      if (req.complete) return;
      req.unpipe(upstream);
      upstream.destroy();
      req.resume();
      setTimeout(() => {
        if (!req.complete) req.socket.destroy();
      }, 2000).unref();
    });
  });
  upstream.on("error", () => {
    if (res.headersSent) res.destroy();
    else answerLaneUnavailable(req, res);
  });
  // A client that goes away mid-body, or before its answer is out, takes its forwarded request with it (the lane
  // then stores nothing, or its answer goes nowhere).
  req.once("close", () => {
    if (!req.complete) upstream.destroy();
  });
  res.once("close", () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? "")
      .split(",")
      .map((name) => name.trim().toLowerCase()),
  );
  const kept: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name) && !named.has(name) && name !== INGEST_LANE_TOKEN_HEADER) kept[name] = value;
  }
  return kept;
}

const RETRY_AFTER_SECONDS = 2;

function answerLaneUnavailable(req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify({
    error: {
      code: "overloaded",
      message: `The image store is restarting; retry after ${RETRY_AFTER_SECONDS} s`,
      details: { retry_after_seconds: RETRY_AFTER_SECONDS },
    },
  });
  res.writeHead(statusOf("overloaded"), {
    "Content-Type": "application/json",
    "Retry-After": String(RETRY_AFTER_SECONDS),
  });
  res.end(body);
  // The rest of the body is read into nothing, so the answer is not lost to a reset under the client's writes.
  if (!req.complete) req.resume();
}

/** In the lane: whether the request came through the front (the token is a secret only the two processes hold). */
export function cameThroughFront(req: IncomingMessage, token: string): boolean {
  const presented = Buffer.from(String(req.headers[INGEST_LANE_TOKEN_HEADER] ?? ""));
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

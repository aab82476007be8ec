import net from "node:net";

/** One response on the connection. */
export type RawResponse = { status: number; headers: Record<string, string>; body: string };

/** What a raw request got back: the first answer's status (null when the server closed without one), or a hang. */
export type RawAnswer = {
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** Every final (non-1xx) response the connection carried, in order: pipelined requests get one each */
  responses: RawResponse[];
  hung: boolean;
  /** bytes of the request the client had written when the answer came */
  written: number;
};

type RawOptions = {
  body?: Buffer | Iterable<Buffer>;
  /** How long to wait for the answers before calling it a hang */
  ms?: number;
  /** Half-close after writing (the client broke off mid-request) */
  endAfterWrite?: boolean;
  /** Done once this many complete responses arrived (default 1), without waiting for the server to close */
  responses?: number;
};

/**
 * Sends `head` and then `body` (in chunks, stopping once an answer arrives) over a plain TCP socket, so nothing
 * normalises the bytes (fetch would re-encode the path, fix framing and refuse odd headers). Reads until the
 * expected responses are complete, the server closes, or `ms` pass. Not waiting for the close matters: a refusal
 * keeps the connection open a moment so its answer is not lost under the client's writes.
 */
export function rawRequest(
  port: number,
  head: string | Buffer,
  options: RawOptions = {},
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const received: Buffer[] = [];
    let written = 0;
    let answered = false;
    let done = false;
    const finish = (hung: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseResponses(Buffer.concat(received)), hung, written });
    };
    const timer = setTimeout(() => finish(!answered), options.ms ?? 20_000);
    socket.on("data", (chunk) => {
      received.push(chunk);
      answered = true;
      const { complete } = parseResponses(Buffer.concat(received));
      if (complete >= (options.responses ?? 1)) finish(false);
    });
    socket.on("close", () => finish(false));
    socket.on("error", () => finish(false));
    socket.on("connect", async () => {
      const write = (bytes: Buffer | string) =>
        new Promise<void>((done) => {
          written += Buffer.byteLength(bytes);
          socket.write(bytes, () => done());
        });
      await write(head);
      const body = options.body;
      for (const chunk of body === undefined ? [] : Buffer.isBuffer(body) ? slices(body) : body) {
        if (answered || socket.destroyed) break;
        await write(chunk);
      }
      if (options.endAfterWrite && !socket.destroyed) socket.end();
    });
  });
}

/** A body in 64 KB writes, so a client stops soon after an early answer, as a browser's upload does. */
function* slices(body: Buffer): Generator<Buffer> {
  for (let start = 0; start < body.length; start += 65_536) yield body.subarray(start, start + 65_536);
}

/**
 * The responses in what arrived: `complete` counts those whose body is whole (by Content-Length or the chunked
 * terminator). A response framed by the close alone, or cut short, still counts as an answer with what arrived.
 */
function parseResponses(bytes: Buffer): Omit<RawAnswer, "hung" | "written"> & { complete: number } {
  const responses: RawResponse[] = [];
  let interim: RawResponse | null = null;
  let complete = 0;
  let at = 0;
  while (at < bytes.length) {
    const headEnd = bytes.indexOf("\r\n\r\n", at);
    if (headEnd < 0) break;
    const lines = bytes.subarray(at, headEnd).toString("latin1").split("\r\n");
    const match = lines[0]?.match(/^HTTP\/1\.[01] (\d{3})/);
    if (!match) break;
    const status = Number(match[1]);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const bodyStart = headEnd + 4;
    if (status < 200) {
      interim ??= { status, headers, body: "" };
      at = bodyStart;
      continue;
    }
    const framed = frameBody(bytes, bodyStart, headers, status);
    responses.push({ status, headers, body: framed.body.toString("utf8") });
    if (framed.end === null) break;
    complete += 1;
    at = framed.end;
  }
  const first = responses[0] ?? interim;
  return {
    status: first?.status ?? null,
    headers: first?.headers ?? {},
    body: first?.body ?? "",
    responses,
    complete,
  };
}

/** A response's body from `start`, and where it ends (null: not whole yet, or framed by the close). */
function frameBody(
  bytes: Buffer,
  start: number,
  headers: Record<string, string>,
  status: number,
): { body: Buffer; end: number | null } {
  if (status === 204 || status === 304) return { body: Buffer.alloc(0), end: start };
  if (/chunked/i.test(headers["transfer-encoding"] ?? "")) return dechunk(bytes, start);
  const length = headers["content-length"];
  if (length === undefined) return { body: bytes.subarray(start), end: null };
  const end = start + Number(length);
  return { body: bytes.subarray(start, end), end: end <= bytes.length ? end : null };
}

/** A chunked body's data (what arrived of it: a body cut short keeps its whole chunks), and where it ends. */
function dechunk(bytes: Buffer, start: number): { body: Buffer; end: number | null } {
  const chunks: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = bytes.indexOf("\r\n", at);
    if (lineEnd < 0) break;
    const size = Number.parseInt(bytes.subarray(at, lineEnd).toString("latin1"), 16);
    if (!Number.isFinite(size)) break;
    if (size === 0) {
      // The last chunk, then (no trailers from this server) the blank line.
      const end = lineEnd + 4;
      return { body: Buffer.concat(chunks), end: end <= bytes.length ? end : null };
    }
    if (lineEnd + 2 + size + 2 > bytes.length) break;
    chunks.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return { body: Buffer.concat(chunks), end: null };
}

/** A request head: the method and target exactly as given, Host (unless `headers` has one), Connection: close. */
export function requestHead(
  method: string,
  target: string,
  port: number,
  headers: Record<string, string> = {},
): string {
  const hasHost = Object.keys(headers).some((name) => name.toLowerCase() === "host");
  const lines = [
    `${method} ${target} HTTP/1.1`,
    ...(hasHost ? [] : [`Host: localhost:${port}`]),
    "Connection: close",
  ];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join("\r\n")}\r\n\r\n`;
}

import net from "node:net";

/** What a raw request got back: the status (null when the server closed without answering), or a hang. */
export type RawAnswer = {
  status: number | null;
  headers: Record<string, string>;
  body: string;
  hung: boolean;
  /** bytes of the request the client had written when the answer came */
  written: number;
};

/**
 * Sends `head` and then `body` (in chunks, stopping once an answer arrives) over a plain TCP socket, so nothing
 * normalises the bytes (fetch would re-encode the path, fix framing and refuse odd headers). Reads until the
 * server closes or `ms` pass.
 */
export function rawRequest(
  port: number,
  head: string | Buffer,
  options: { body?: Buffer | Iterable<Buffer>; ms?: number; endAfterWrite?: boolean } = {},
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
      resolve({ ...parseAnswer(Buffer.concat(received)), hung, written });
    };
    const timer = setTimeout(() => finish(!answered), options.ms ?? 20_000);
    socket.on("data", (chunk) => {
      received.push(chunk);
      answered = true;
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

function parseAnswer(bytes: Buffer): Omit<RawAnswer, "hung" | "written"> {
  const text = bytes.toString("latin1");
  const match = text.match(/^HTTP\/1\.[01] (\d{3})/);
  if (!match) return { status: null, headers: {}, body: "" };
  const end = text.indexOf("\r\n\r\n");
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, end).split("\r\n").slice(1)) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = bytes.subarray(end + 4);
  const chunked = /chunked/i.test(headers["transfer-encoding"] ?? "");
  return { status: Number(match[1]), headers, body: (chunked ? dechunk(body) : body).toString("utf8") };
}

/** A chunked body's data (what arrived of it: a body cut short keeps its whole chunks). */
function dechunk(body: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf("\r\n", at);
    if (lineEnd < 0) break;
    const size = Number.parseInt(body.subarray(at, lineEnd).toString("latin1"), 16);
    if (!Number.isFinite(size) || size === 0) break;
    chunks.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(chunks);
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

import type { DoorCase } from "./hostile-doors";

// Raw HTTP framing Node's parser or Next must answer with a 4xx (or close, where the client broke off mid-request).
const FRAMES: {
  label: string;
  head: (target: string, host: string) => string;
  mayCloseSilently?: boolean;
  responses?: number;
}[] = [
  {
    label: "two different Content-Lengths",
    head: (t, h) => `POST ${t} HTTP/1.1\r\nHost: ${h}\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab`,
  },
  {
    label: "Content-Length and chunked",
    head: (t, h) =>
      `POST ${t} HTTP/1.1\r\nHost: ${h}\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
  },
  {
    label: "Transfer-Encoding gzip",
    head: (t, h) => `POST ${t} HTTP/1.1\r\nHost: ${h}\r\nTransfer-Encoding: gzip\r\n\r\nxx`,
  },
  {
    label: "bad chunk size",
    head: (t, h) =>
      `POST ${t} HTTP/1.1\r\nHost: ${h}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n`,
  },
  {
    label: "chunk size overflow",
    head: (t, h) =>
      `POST ${t} HTTP/1.1\r\nHost: ${h}\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\nab\r\n`,
  },
  {
    label: "negative Content-Length",
    head: (t, h) => `POST ${t} HTTP/1.1\r\nHost: ${h}\r\nContent-Length: -1\r\n\r\n`,
  },
  {
    label: "Content-Length 1e3",
    head: (t, h) => `POST ${t} HTTP/1.1\r\nHost: ${h}\r\nContent-Length: 1e3\r\n\r\n`,
  },
  { label: "NUL in a header", head: (t, h) => `GET ${t} HTTP/1.1\r\nHost: ${h}\r\nX-A: a\0b\r\n\r\n` },
  { label: "obs-fold header", head: (t, h) => `GET ${t} HTTP/1.1\r\nHost: ${h}\r\nX-A: a\r\n b\r\n\r\n` },
  { label: "header without a colon", head: (t, h) => `GET ${t} HTTP/1.1\r\nHost: ${h}\r\nNoColon\r\n\r\n` },
  { label: "invalid method", head: (t, h) => `G@T ${t} HTTP/1.1\r\nHost: ${h}\r\n\r\n` },
  { label: "lowercase method", head: (t, h) => `get ${t} HTTP/1.1\r\nHost: ${h}\r\n\r\n` },
  { label: "HTTP/2.0 version", head: (t, h) => `GET ${t} HTTP/2.0\r\nHost: ${h}\r\n\r\n` },
  { label: "garbage version", head: (t, h) => `GET ${t} HTTP/1.1x\r\nHost: ${h}\r\n\r\n` },
  { label: "HTTP/0.9 request", head: (t) => `GET ${t}\r\n\r\n` },
  { label: "HTTP/1.0 without Host", head: (t) => `GET ${t} HTTP/1.0\r\n\r\n` },
  { label: "HTTP/1.1 without Host", head: (t) => `GET ${t} HTTP/1.1\r\nConnection: close\r\n\r\n` },
  {
    label: "absolute-form target",
    head: (t, h) => `GET http://evil.example${t} HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
  },
  { label: "asterisk target", head: (_, h) => `OPTIONS * HTTP/1.1\r\nHost: ${h}\r\n\r\n` },
  { label: "space in the target", head: (t, h) => `GET ${t}/a b HTTP/1.1\r\nHost: ${h}\r\n\r\n` },
  { label: "raw 0xFF in the target", head: (t, h) => `GET ${t}/\xff\xfe HTTP/1.1\r\nHost: ${h}\r\n\r\n` },
  { label: "LF-only line ends", head: (t, h) => `GET ${t} HTTP/1.1\nHost: ${h}\n\n` },
  {
    label: "100 KB target",
    head: (t, h) => `GET ${t}?${"a".repeat(100_000)} HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
  },
  {
    label: "20 KB header",
    head: (t, h) => `GET ${t} HTTP/1.1\r\nHost: ${h}\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
  },
  {
    label: "300 headers",
    head: (t, h) =>
      `GET ${t} HTTP/1.1\r\nHost: ${h}\r\n${Array.from({ length: 300 }, (_, i) => `X-H${i}: v`).join("\r\n")}\r\n\r\n`,
  },
  { label: "CONNECT", head: (_, h) => `CONNECT ${h} HTTP/1.1\r\nHost: ${h}\r\n\r\n` },
  { label: "TRACE", head: (t, h) => `TRACE ${t} HTTP/1.1\r\nHost: ${h}\r\n\r\n` },
  {
    label: "Upgrade to WebSocket",
    head: (t, h) =>
      `GET ${t} HTTP/1.1\r\nHost: ${h}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    mayCloseSilently: true,
  },
  {
    label: "Expect: 100-continue, no body",
    head: (t, h) => `POST ${t} HTTP/1.1\r\nHost: ${h}\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n`,
    mayCloseSilently: true,
  },
  {
    label: "body shorter than its length, then closed",
    head: (t, h) =>
      `POST ${t} HTTP/1.1\r\nHost: ${h}\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n[]`,
    mayCloseSilently: true,
  },
  {
    label: "two pipelined requests",
    head: (t, h) =>
      `GET ${t} HTTP/1.1\r\nHost: ${h}\r\n\r\nGET ${t}/%ff HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`,
    responses: 2,
  },
];

/** Every frame against a page, a server action's page and an API route, with and without credentials. */
export function framingCases(host: string, credentials: { cookie: string }): DoorCase[] {
  const cases: DoorCase[] = [];
  for (const target of ["/", "/upload", "/api/v1/images"]) {
    for (const frame of FRAMES) {
      for (const withCredentials of [false, true]) {
        let head = frame.head(target, host);
        if (withCredentials) head = head.replace(/\r\n\r\n/, `\r\nCookie: ${credentials.cookie}\r\n\r\n`);
        cases.push({
          door: "framing",
          label: `${frame.label} → ${target}`,
          method: "",
          target,
          withCredentials,
          rawHead: Buffer.from(head, "latin1"),
          mayCloseSilently: frame.mayCloseSilently,
          responses: frame.responses,
        });
      }
    }
  }
  return cases;
}

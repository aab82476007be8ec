// The hostile cases for every door a real server has beyond the OpenAPI operations (which
// app/api/v1/hostile-input.test.ts drives in-process): API paths as the server parses them, pages, server actions
// and raw HTTP framing. Each case is a raw request; every answer must be a success or a 4xx (our error shape for
// JSON doors, an HTML page for a page), never a 5xx and never a hang.
import type { RawAnswer, RawResponse } from "./raw-http";

export type Door = "api path" | "page" | "server action" | "framing";
export type DoorCase = {
  door: Door;
  label: string;
  method: string;
  target: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** A session cookie or API key rides along */
  withCredentials: boolean;
  /** The raw head, for framing cases that are not a well-formed request */
  rawHead?: Buffer;
  /** The server may close without an answer (the client broke the framing mid-request) */
  mayCloseSilently?: boolean;
  /** Requests pipelined on the connection, each owed an answer (default 1) */
  responses?: number;
  /**
   * Sent to the action that ends every session of its caller, with credentials: run alone, and the session checked
   * after it. "must": the body is the call its page makes (an empty form), so the session must end; "must not":
   * anything else, which must leave the session alone.
   */
  endsSession?: "must" | "must not";
};

/** Path segments that Next decodes before our code runs, or that our schemas must refuse. */
export const HOSTILE_SEGMENTS = [
  "%ff",
  "%ED%A0%80",
  "%",
  "%%",
  "%2",
  "%zz",
  "%C0%AE",
  "%00",
  "..%2f..%2fetc%2fpasswd",
  "%252e%252e",
  "a".repeat(5000),
  "%F0%9F%98%80",
];

/** Query strings for pages (their searchParams reach our filters and redirects). */
export const HOSTILE_QUERIES = [
  "?next=%ff",
  "?next=%ED%A0%80",
  "?next=//evil.example",
  "?cursor=%00",
  "?tag=%ff&q=%ED%A0%80",
  "?sort=%ff&limit=-1&score_min=1e309",
  `?q=${"x".repeat(8000)}`,
  "?_rsc=%ff",
];

/** Headers Next and Auth.js read before our code runs. */
export const HOSTILE_HEADERS: Record<string, string>[] = [
  { Host: "[::1" },
  { Host: "a b" },
  { "X-Forwarded-Host": "a b" },
  { "X-Forwarded-Host": "a.example, b.example" },
  { "X-Forwarded-Proto": "javascript" },
  { RSC: "1", "Next-Router-State-Tree": "{" },
  { RSC: "1", "Next-Router-State-Tree": "%ff" },
  { RSC: "1", "Next-Router-State-Tree": `${"[".repeat(3000)}` },
  { RSC: "1", "Next-Router-Prefetch": "1", "Next-Router-Segment-Prefetch": "/%ff" },
  { "Next-Url": "%ff" },
  { Cookie: "authjs.session-token=%ff; __Secure-authjs.session-token=x" },
  { "Accept-Language": "%ff".repeat(500) },
];

const multipart = (boundary: string, parts: string) => Buffer.from(`${parts}--${boundary}--\r\n`, "latin1");
const part = (boundary: string, name: string, value: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

type ActionBody = {
  label: string;
  headers: Record<string, string>;
  body: Buffer;
  /** React decodes it, so the action itself runs (and must refuse it) */
  decodes: boolean;
  /** Posted as a form without JavaScript: no Next-Action header */
  noActionHeader?: boolean;
  /** Decodes to the one argument a fieldless form's action is called with by its page: an empty form */
  emptyForm?: boolean;
};

/** Server action bodies: what React's reply decoder cannot decode, and decodable oddities our actions must refuse. */
export function actionBodies(actionId: string): ActionBody[] {
  const text = (label: string, body: string | Buffer, decodes = false): ActionBody => ({
    label,
    headers: { "Content-Type": "text/plain;charset=UTF-8" },
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
    decodes,
  });
  const form = (label: string, contentType: string, body: Buffer): ActionBody => ({
    label,
    headers: { "Content-Type": contentType },
    body,
    decodes: false,
  });
  const b = "----hostile";
  return [
    text("malformed JSON", "{"),
    text("unknown $Q reference", '["$Q1"]'),
    // A form reference with no fields sent: an empty FormData, what a form without inputs (sign out) posts.
    { ...text("unknown $K form", '["$K9"]', true), emptyForm: true },
    text("unknown chunk $5", '["$5"]'),
    // React decodes it as an argument that is a promise (rejected later): the guard refuses it before Next would
    // run the action with it (lib/http/doors/argument-values.ts).
    text("unknown promise $@5", '["$@5"]'),
    text("promise inside an object", '[{"ids":["x"],"input":"$@5"}]'),
    text("iterator $i", '["$i1"]'),
    text("stream $R", '["$R1"]'),
    text("async iterable $X", '["$X1"]'),
    text("server reference $h", '["$h1"]'),
    text("temporary reference $T", '["$T"]'),
    text("bad BigInt", '["$n1x"]'),
    text("huge BigInt", `["$n${"9".repeat(400)}"]`),
    text("blob reference $B", '["$B1"]'),
    text("typed array $A", '["$A1"]'),
    text("5,000 levels deep", `${"[".repeat(5000)}${"]".repeat(5000)}`),
    text("100,000 open brackets", "[".repeat(100_000)),
    text("1,001 arguments", `[${Array(1001).fill("1").join(",")}]`),
    text("root object", "{}"),
    text("root number", "1"),
    text("root string", '"$K1"'),
    text("empty body", ""),
    // Decoded as Next decodes it, with U+FFFD for the bad bytes: a valid string the action itself refuses.
    text("invalid UTF-8", Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]), true),
    text("lone surrogate escape", '["\\ud800"]', true),
    text("NUL in a value", '[{"name":"a\\u0000b","caption":"\\u0000"}]', true),
    text("junk argument", '[{"__proto__":{"admin":true},"ids":["x"],"input":1e400}]', true),
    text("no arguments", "[]", true),
    form("multipart without a boundary", "multipart/form-data", Buffer.from("x")),
    form(
      "NUL in a part header",
      `multipart/form-data; boundary=${b}`,
      multipart(b, `--${b}\r\nContent-Disposition: form-data; name="0\0"\r\n\r\n[]\r\n`),
    ),
    form(
      "part header without a colon",
      `multipart/form-data; boundary=${b}`,
      multipart(b, `--${b}\r\nContent-Disposition form-data\r\n\r\n[]\r\n`),
    ),
    form("multipart never closed", `multipart/form-data; boundary=${b}`, Buffer.from(part(b, "0", "[]"))),
    form("multipart without part 0", `multipart/form-data; boundary=${b}`, multipart(b, part(b, "1", "[]"))),
    form("multipart bad root", `multipart/form-data; boundary=${b}`, multipart(b, part(b, "0", '["$Q2"]'))),
    {
      ...form(
        "form post without JavaScript, bad bound arguments",
        `multipart/form-data; boundary=${b}`,
        multipart(
          b,
          part(b, "$ACTION_REF_1", "") + part(b, "$ACTION_1:0", `{"id":"${actionId}","bound":"$@9"}`),
        ),
      ),
      noActionHeader: true,
    },
    {
      ...form(
        "form post without JavaScript, unknown action",
        `multipart/form-data; boundary=${b}`,
        multipart(b, part(b, "$ACTION_ID_00ff", "")),
      ),
      noActionHeader: true,
    },
  ];
}

/** Why an answer breaks the contract, or null. */
export function judgeAnswer(doorCase: DoorCase, answer: RawAnswer): string | null {
  if (answer.hung) return "hang";
  if (answer.status === null) return doorCase.mayCloseSilently ? null : "closed without an answer";
  // Pipelined requests are each owed an answer, unless one before was refused (a 4xx may close the connection).
  const unanswered = answer.responses.length < (doorCase.responses ?? 1) && !doorCase.mayCloseSilently;
  if (unanswered && answer.responses.every((response) => response.status < 400))
    return "closed without answering every request";
  // Only an interim answer (100 Continue) arrived when the client broke off: judged as it is.
  for (const response of answer.responses.length > 0 ? answer.responses : [answer as RawResponse]) {
    const problem = judgeResponse(doorCase, response);
    if (problem) return problem;
  }
  return null;
}

function judgeResponse(doorCase: DoorCase, answer: RawResponse): string | null {
  if (answer.status >= 500) return `${answer.status}`;
  const contentType = answer.headers["content-type"] ?? "";
  // Auth.js's routes and the MCP endpoint speak their own protocols: Auth.js answers a 4xx in plain text, MCP a
  // JSON-RPC error. Both are 4xx from their own code, not a framework's 500.
  const ownProtocol =
    doorCase.target.startsWith("/api/auth/") ||
    (doorCase.target.startsWith("/api/mcp") && /"jsonrpc"/.test(answer.body));
  if (answer.status >= 400 && ownProtocol) return null;
  if (answer.status >= 400 && contentType.includes("application/json")) {
    let error: { code?: unknown; message?: unknown } | undefined;
    try {
      error = (JSON.parse(answer.body) as { error?: typeof error }).error;
    } catch {
      return "a JSON answer that is not JSON";
    }
    if (typeof error?.code !== "string" || typeof error.message !== "string") return "not our error shape";
  }
  if (answer.status >= 400 && doorCase.door === "api path" && !contentType.includes("application/json"))
    return `a ${answer.status} that is not our error shape`;
  // A server action answers 200 with its result in a React stream: an error there is a failure all the same.
  if (doorCase.door === "server action" && /"code":"internal_error"|^\d+:E\{/m.test(answer.body))
    return "an internal error inside a 200";
  return null;
}

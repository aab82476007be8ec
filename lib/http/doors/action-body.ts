import { Readable } from "node:stream";
import Busboy from "busboy";
import { MAX_ACTION_BODY_BYTES } from "@/lib/http/bodies/action-body-limit";
import type { AppError } from "@/lib/result";
import { findActionHeaderProblem, findFormActionNameProblem } from "./action-names";
import { findUnsettledArgumentValue } from "./argument-values";

// A server action's body is decoded by React's reply decoder inside Next, before our action runs, and any failure
// there (a body that is not JSON, a `$Q1` naming a part that is not sent, a multipart body without a boundary or
// with a malformed part header, a root that is no argument list) answers 500. The same decoder runs here first,
// on the same bytes and the same way Next runs it (busboy for a fetch action's form, the WHATWG parser for a
// no-JavaScript form post), so a body it cannot decode is a 400 before Next sees it.
//
// It decodes against no server functions and no temporary references: our actions take plain values, files and
// forms, so a body that passes a server function (`$h`) or an opaque client value (`$T`) is refused too, and so is
// one whose arguments hold a promise, a stream or an iterator (lib/http/doors/argument-values.ts): the action
// would run with a value that is never settled. Which values each action takes, the action's wrapper checks.

/** Next throws (a 500) when an action is called with more arguments than this. */
const MAX_ACTION_ARGUMENTS = 1000;
const NO_SERVER_FUNCTIONS = {};
const MALFORMED: AppError = {
  code: "invalid_request",
  message: "The server action request's body cannot be decoded",
};

/**
 * Why the body of a possible server action (a POST with a Next-Action header, or a multipart form post) cannot
 * be decoded, or null. The caller has checked its length: it is read whole, at most MAX_ACTION_BODY_BYTES.
 */
export async function findActionBodyProblem(request: Request): Promise<AppError | null> {
  const contentType = request.headers.get("content-type") ?? "";
  const isFetchAction = request.headers.has("next-action");
  const isMultipart = contentType.startsWith("multipart/form-data");
  if (!isFetchAction && !isMultipart) return null;
  const headerProblem = findActionHeaderProblem(request.headers);
  if (headerProblem) return headerProblem;
  const body = Buffer.from(await request.arrayBuffer());
  try {
    const decoded = !isFetchAction
      ? await decodeFormPostArguments(contentType, body)
      : { args: isMultipart ? await decodeMultipartReply(contentType, body) : await decodeTextReply(body) };
    if ("problem" in decoded) return decoded.problem;
    const { args } = decoded;
    if (!Array.isArray(args) || args.length > MAX_ACTION_ARGUMENTS) return MALFORMED;
    const unsettled = findUnsettledArgumentValue(args);
    return unsettled
      ? { ...MALFORMED, message: `Server action arguments cannot hold values of type ${unsettled}` }
      : null;
  } catch {
    return MALFORMED;
  }
}

async function replyDecoder() {
  return import("next/dist/compiled/react-server-dom-webpack/server.node");
}

async function decodeTextReply(body: Buffer): Promise<unknown> {
  return (await replyDecoder()).decodeReply(body.toString("utf8"), NO_SERVER_FUNCTIONS);
}

async function decodeMultipartReply(contentType: string, body: Buffer): Promise<unknown> {
  const decoder = await replyDecoder();
  // Throws at once for a form without a boundary, as Next's own busboy does.
  const busboy = Busboy({
    headers: { "content-type": contentType },
    defParamCharset: "utf8",
    limits: { fieldSize: MAX_ACTION_BODY_BYTES },
  });
  const decoded = decoder.decodeReplyFromBusboy(busboy, NO_SERVER_FUNCTIONS);
  Readable.from([body]).pipe(busboy);
  return decoded;
}

/**
 * A form posted without JavaScript: Next parses it with the WHATWG form parser, then decodes the bound arguments
 * of each `$ACTION_REF_n` (the reply under the `$ACTION_n:` prefix, whose `bound` must be an argument list). The
 * bound arguments of every reference, one list (the form itself is the last argument, and holds only data).
 */
async function decodeFormPostArguments(
  contentType: string,
  body: Buffer,
): Promise<{ args: unknown } | { problem: AppError }> {
  const form = await new Request("http://localhost/", {
    method: "POST",
    headers: { "content-type": contentType },
    body: new Uint8Array(body),
  }).formData();
  const nameProblem = findFormActionNameProblem(form);
  if (nameProblem) return { problem: nameProblem };
  const decoder = await replyDecoder();
  let args: unknown[] = [];
  for (const key of form.keys()) {
    if (!key.startsWith("$ACTION_REF_")) continue;
    const prefix = `$ACTION_${key.slice("$ACTION_REF_".length)}:`;
    const reply = new FormData();
    for (const [name, value] of form)
      if (name.startsWith(prefix)) reply.append(name.slice(prefix.length), value);
    const descriptor = (await decoder.decodeReply(reply, NO_SERVER_FUNCTIONS)) as { bound?: unknown } | null;
    const bound = await descriptor?.bound;
    if (bound === undefined || bound === null) continue;
    if (!Array.isArray(bound)) return { problem: MALFORMED };
    args = args.concat(bound);
  }
  return { args };
}

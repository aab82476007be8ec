import { MAX_ACTION_BODY_BYTES } from "@/lib/http/bodies/action-body-limit";
import type { AppError } from "@/lib/result";

// What a request to a page path (a page, a server action, a cookie download) may carry, judged from its headers
// alone, before a byte of the body is read. Next reads a page POST's body whole before answering, so a body over
// the action limit is refused here on its declared length; a body of unknown length (chunked) could only be
// counted while it is received, so it is refused too: browsers and React send every action with a length.

type HeaderReader = Pick<Headers, "get">;

/** Why the request's body is refused before it is read, or null. Lengths Node's parser would refuse never get here. */
export function findPageBodyProblem(headers: HeaderReader): AppError | null {
  const length = headers.get("content-length");
  if (length === null) {
    if (headers.get("transfer-encoding") === null) return null;
    return { code: "length_required", message: "A request to a page must say its Content-Length" };
  }
  if (Number(length) > MAX_ACTION_BODY_BYTES) {
    return {
      code: "payload_too_large",
      message: `A request to a page carries at most ${MAX_ACTION_BODY_BYTES} bytes (larger files go to POST /api/v1/uploads)`,
    };
  }
  return null;
}

/**
 * Whether the Origin names another site than the one the request is addressed to, compared as Next compares it
 * (Origin's host against X-Forwarded-Host, else Host). Next answers such a server action 500; an Origin that is
 * no URL makes it throw. No Origin at all is a hand-made request, which carries no browser's cookies by accident.
 */
export function isForeignOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  if (origin === "null" || !URL.canParse(origin)) return true;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return new URL(origin).host !== host;
}

/**
 * For a server that sees requests before Next does (`npm start`'s): the refusal of a request to a page path whose
 * body is refused on its headers alone, so it is answered before a byte of the body is read.
 */
export function refusePageBodyUnread(request: { url?: string; headers: HeaderReader }): AppError | null {
  const path = (request.url ?? "/").replace(/^[a-z]+:\/\/[^/]*/i, "");
  if (path.startsWith("/api/")) return null;
  return findPageBodyProblem(request.headers);
}

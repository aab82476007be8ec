// What Next and Auth.js build URLs from before any of our code runs: the path's percent-escapes, the Host and the
// X-Forwarded-* headers. Next decodes a dynamic segment with decodeURIComponent, and Auth.js builds
// `new URL(proto://host)` on every session check; either throws on a malformed value, and the throw is a 500.

// A name (Docker service names hold "_"), IPv4 or a bracketed IPv6 literal, and an optional port; and a URL parses.
const HOST_SHAPE = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::\d{1,5})?$/;
const isHost = (value: string) => HOST_SHAPE.test(value) && URL.canParse(`http://${value}`);
const PROTOCOL = /^https?$/i;

/** Whether a percent-escape in the path does not decode (`%ff`, `%ED%A0%80`: not UTF-8, or a lone surrogate). */
export function hasMalformedEscape(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** Why the request's host headers cannot make a URL, or null when they can. */
export function findHostProblem(headers: Headers): string | null {
  const host = headers.get("host");
  if (host === null || !isHost(host)) return "The Host header is not a host name";
  const forwardedHost = headers.get("x-forwarded-host");
  if (forwardedHost !== null && !isHost(forwardedHost))
    return "The X-Forwarded-Host header is not one host name";
  const forwardedProto = headers.get("x-forwarded-proto");
  if (forwardedProto !== null && !PROTOCOL.test(forwardedProto))
    return "The X-Forwarded-Proto header must be http or https";
  return null;
}

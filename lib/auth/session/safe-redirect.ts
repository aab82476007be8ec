/**
 * Where to send someone after sign-in: a path on our own origin, or "/". The input is parsed the way browsers
 * parse a Location header (WHATWG URL, resolved against our origin), because string checks miss what browsers
 * repair: they drop tabs and newlines (`/\t/evil.example` becomes `//evil.example`) and read `\` as `/`.
 * The answer is the parsed URL re-serialised, so it is percent-encoded ASCII and safe in a Location header.
 */
export function safeRedirectPath(next: string | null | undefined, appOrigin: string): string {
  if (!next?.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(next, appOrigin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(appOrigin).origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//evil` normalises to the path `//evil`, which a browser would read as another host.
  return path.startsWith("//") ? "/" : path;
}

/**
 * Decoded session cookies, kept for a short while by the cookie's exact value.
 *
 * Why: a reviewer's every request (page, server action) decodes the same encrypted cookie: Auth.js builds a request,
 * derives the key (HKDF) and decrypts the JWE, ~3 ms of the server's main thread each time; with twenty reviewers
 * that is a visible share of the process that also renders their pages. What the cookie says cannot change while
 * its value stays the same, so one decode answers every request that carries it.
 *
 * What stays per request: the user's row (disabled, role, session version) is read from the database every time by
 * findSessionUser, so signing out everywhere or disabling a user still takes effect on the next request. The one
 * thing this delays is a cookie's own expiry, by at most `ttlMs`. A failed decode is not kept (the next request
 * tries again); one that finds no session (null) is, like any other answer.
 */
export type SessionMemo<T> = {
  read(cookieValue: string, decode: () => Promise<T>): Promise<T>;
  size(): number;
};

export function createSessionMemo<T>({
  ttlMs,
  maxEntries,
  now = () => Date.now(),
}: {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}): SessionMemo<T> {
  // Answers are kept as values, never as the promise that carried them: under Node 20's AsyncLocalStorage a promise
  // holds the context of the request that made it (Next's request store: headers, cookies, the render's state), and
  // a kept one would keep that request alive for the whole minute. Insertion order is age order (oldest first).
  const answers = new Map<string, { until: number; value: T }>();
  // Decodes under way, so requests that arrive together with one cookie share one decode; dropped once settled.
  const decoding = new Map<string, Promise<T>>();
  const keep = (cookieValue: string, value: T) => {
    answers.delete(cookieValue);
    answers.set(cookieValue, { until: now() + ttlMs, value });
    while (answers.size > maxEntries) {
      const oldest = answers.keys().next().value;
      if (oldest === undefined) break;
      answers.delete(oldest);
    }
  };
  return {
    read(cookieValue, decode) {
      const found = answers.get(cookieValue);
      if (found && found.until > now()) return Promise.resolve(found.value);
      const under = decoding.get(cookieValue);
      if (under) return under;
      // A failed decode is not kept: the next request decodes again.
      const decoded = decode()
        .then((value) => {
          keep(cookieValue, value);
          return value;
        })
        .finally(() => decoding.delete(cookieValue));
      decoding.set(cookieValue, decoded);
      return decoded;
    },
    size: () => answers.size,
  };
}

// Auth.js's session cookie: `authjs.session-token`, `__Secure-` prefixed on HTTPS, split into `.0`, `.1`… when large.
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/** Every session cookie's name and value in one string (the memo's key), or null when the request carries none. */
export function sessionCookieKey(cookies: readonly { name: string; value: string }[]): string | null {
  const parts = cookies
    .filter((cookie) => SESSION_COOKIE.test(cookie.name))
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .sort();
  return parts.length > 0 ? parts.join(";") : null;
}

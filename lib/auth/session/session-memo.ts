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
  // Insertion order is age order: the first key is the oldest, which is the one evicted when the memo is full.
  const entries = new Map<string, { until: number; value: Promise<T> }>();
  return {
    read(cookieValue, decode) {
      const found = entries.get(cookieValue);
      if (found && found.until > now()) return found.value;
      if (found) entries.delete(cookieValue);
      const value = decode();
      entries.set(cookieValue, { until: now() + ttlMs, value });
      // Only this promise is dropped on failure: a newer entry under the same key (after expiry) stays.
      value.catch(() => {
        if (entries.get(cookieValue)?.value === value) entries.delete(cookieValue);
      });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return value;
    },
    size: () => entries.size,
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

import "server-only";
import { signGetUrl, signPutUrl } from "./signing";
import type { Storage } from "./storage";

const origins = new WeakMap<Storage, Promise<string[]>>();

/**
 * The origins a browser fetches images from and PUTs direct uploads to, for the Content-Security-Policy. Taken
 * from real signed URLs, so they are right for path-style and virtual-host endpoints, a public endpoint and a
 * CDN alike; computed once per storage.
 */
export function browserStorageOrigins(storage: Storage): Promise<string[]> {
  let known = origins.get(storage);
  if (!known) {
    known = Promise.all([
      signGetUrl(storage, "csp-probe"),
      signPutUrl(storage, "staging/csp-probe", {
        contentType: "image/png",
        contentLength: 1,
        expiresInSeconds: 60,
      }),
    ]).then((urls) => [...new Set(urls.map((url) => new URL(url).origin))]);
    origins.set(storage, known);
  }
  return known;
}

import { type NextRequest, NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { guardRequest } from "@/lib/http/doors/guard-request";
import { browserStorageOrigins } from "@/lib/storage/browser-origins";
import { getStorage } from "@/lib/storage/storage";

export async function proxy(request: NextRequest) {
  const refusal = await guardRequest(request);
  if (refusal) return refusal;
  if (request.nextUrl.pathname.startsWith("/api/") || rendersNoDocument(request)) return NextResponse.next();
  return withContentSecurityPolicy(request);
}

// No HTML document, so no nonce to give its scripts: a prefetch (Next's guide for nonce-based CSP skips them too),
// and a server action called by the page's JavaScript (the Next-Action header), which answers with the action's
// result in React's flight format. A form posted before the page hydrated has no such header: it gets a document.
function rendersNoDocument(request: NextRequest): boolean {
  return (
    request.headers.has("next-router-prefetch") ||
    request.headers.get("purpose") === "prefetch" ||
    (request.method === "POST" && request.headers.has("next-action"))
  );
}

// Every page response gets a fresh CSP nonce: Next's inline bootstrap scripts carry it, anything injected does not.
// Images load only from here, data:/blob: (placeholders, local previews) and the object store or CDN origin.
async function withContentSecurityPolicy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const isDev = getConfig().nodeEnv === "development";
  const imageSources = (await browserStorageOrigins(getStorage())).join(" ");
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // React style={{…}} attributes (placeholders, zoom transforms); no inline <style> elements without the nonce.
    "style-src-attr 'unsafe-inline'",
    `img-src 'self' blob: data: ${imageSources}`,
    `connect-src 'self' ${imageSources}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

// Every page path (pages, server actions, cookie downloads, prefetches included), Auth.js's routes, and any other
// API path holding a percent-escape. The rest of /api is left out on purpose: Next hands a proxied request's body
// on only up to proxyClientMaxBodySize (10 MB), and the image and upload routes stream far larger bodies.
export const config = {
  matcher: [
    "/((?!api/|_next/static|_next/image|favicon.ico|apple-touch-icon.png|robots.txt).*)",
    "/api/auth/:path*",
    "/api/:path(.*%.*)",
  ],
};

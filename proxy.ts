import { type NextRequest, NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { browserStorageOrigins } from "@/lib/storage/browser-origins";
import { getStorage } from "@/lib/storage/storage";

// Every page response gets a fresh CSP nonce: Next's inline bootstrap scripts carry it, anything injected does not.
// Images load only from here, data:/blob: (placeholders, local previews) and the object store or CDN origin.
export async function proxy(request: NextRequest) {
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

export const config = {
  matcher: [
    {
      source: "/((?!api|_next/static|_next/image|favicon.ico|apple-touch-icon.png|robots.txt).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};

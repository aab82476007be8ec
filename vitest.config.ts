import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
};

// Two projects: pure code runs without servers; everything else gets the real Postgres + S3 stack
// started once by the global setup (or TEST_DATABASE_URL / TEST_S3_ENDPOINT when set).
// Vitest's default is one worker fewer than the cores: one on a 2-core CI machine, idle while it waits on Postgres
// and the S3 server. Each test file has its own database and bucket, so three files run side by side.
const WORKERS = 3;
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/metadata/**/*.test.ts"],
          testTimeout: 30_000,
          maxWorkers: WORKERS,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.test.ts"],
          maxWorkers: WORKERS,
          exclude: [
            "lib/metadata/**",
            "node_modules/**",
            ".next/**",
            "e2e/**",
            "**/*.faults.test.ts",
            "lib/testing/pooler.test.ts",
          ],
          globalSetup: ["lib/testing/global-setup.ts"],
          // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses; Vite's
          // resolver finds it (the server actions' wrapper reaches next-auth through lib/auth/session/session.ts).
          server: { deps: { inline: ["next-auth"] } },
          // Expected failures (simulated outages) log errors by design; keep the output to test results.
          env: { LOG_LEVEL: "silent" },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        // `npm run test:pooler`: the API route suite once more, every connection through PgBouncer in
        // transaction mode (pool of 3, no prepared statements), as on Vercel behind Railway's pooler.
        test: {
          name: "pooler",
          include: ["app/api/**/route.test.ts", "lib/testing/pooler.test.ts"],
          maxWorkers: WORKERS,
          globalSetup: ["lib/testing/global-setup.ts"],
          env: { LOG_LEVEL: "silent" },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        // Fault injection (`npm run test:faults`): the same servers, reached through lib/testing/fault-proxy.ts.
        // Scenarios use short storage timeouts, so a hang shows up as a 20 s test timeout, not a stuck run.
        test: {
          name: "faults",
          include: ["**/*.faults.test.ts"],
          // Mostly waiting (on timeouts, restarts, killed processes): side by side they take a third of the time.
          maxWorkers: WORKERS,
          exclude: ["node_modules/**", ".next/**", "e2e/**"],
          globalSetup: ["lib/testing/global-setup.ts"],
          env: { LOG_LEVEL: "silent" },
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

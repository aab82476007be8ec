import { chmodSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { findBrowser } from "./e2e/find-browser";

// One throwaway stack for the whole run, started by the same launcher users run (`npm start`).
// Workers re-evaluate this file; the env var keeps them on the directory the main process made.
if (!process.env.LIGHTBOX_E2E_DATA_DIR) {
  process.env.LIGHTBOX_E2E_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "lightbox-e2e-"));
  chmodSync(process.env.LIGHTBOX_E2E_DATA_DIR, 0o755);
}
const port = Number(process.env.LIGHTBOX_E2E_PORT || 3199);
const baseURL = `http://localhost:${port}`;
// `npm run test:e2e` checks first (scripts/check-browser.ts) and says how to get a browser when there is none.
const browser = findBrowser(process.env.CHROMIUM_PATH);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  // Spec files run two at a time (a file's tests in order, in one worker), so one file's waits (the sign-in
  // window, the worker's derivations) overlap the other's work; Chromium is most of the CPU, so more would not
  // help. What the files share is set up first (the first admin's forced password change) and the one that floods
  // the server runs alone at the end.
  fullyParallel: false,
  workers: 2,
  projects: [
    { name: "first-admin", testMatch: /first-admin\.setup\.ts$/ },
    {
      name: "app",
      dependencies: ["first-admin"],
      testIgnore: [/first-admin\.setup\.ts$/, /hostile-doors\.spec\.ts$/],
    },
    // Thousands of hostile requests, eight at a time: beside another spec they would time its steps out.
    { name: "hostile", dependencies: ["app"], testMatch: /hostile-doors\.spec\.ts$/ },
  ],
  retries: 0,
  reporter: [["list"]],
  timeout: 60_000,
  use: {
    baseURL,
    // A trace records every step of every test and costs a quarter of the suite's time; CI prints text only.
    // Ask for one while chasing a failure: E2E_TRACE=retain-on-failure npm run test:e2e.
    trace: (process.env.E2E_TRACE as "off" | "on" | "retain-on-failure" | undefined) ?? "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "path" in browser ? browser.path : undefined,
      // This machine has no outbound network: keep Chromium from trying.
      args: [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "node --conditions=react-server --import tsx scripts/start.ts",
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      LIGHTBOX_DATA_DIR: process.env.LIGHTBOX_E2E_DATA_DIR,
      PORT: String(port),
      APP_URL: baseURL,
      DATABASE_URL: "",
      S3_BUCKET: "",
      LIGHTBOX_CREDENTIALS_FILE: path.join(process.env.LIGHTBOX_E2E_DATA_DIR, "first-admin.json"),
      // Short, so the rate-limit test can wait the window out.
      LOGIN_RATE_WINDOW_SECONDS: "40",
      // The server's warnings and errors stay in the run's output; its one line per request would bury them.
      LOG_LEVEL: "warn",
    },
  },
});

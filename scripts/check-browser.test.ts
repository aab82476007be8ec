import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findBrowser, NO_BROWSER } from "../e2e/find-browser";

const ROOT = path.resolve(import.meta.dirname, "..");
const tsx = createRequire(import.meta.url).resolve("tsx");

function checkBrowser(env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", tsx, "scripts/check-browser.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
}

describe("the browser for the browser tests", () => {
  it("is looked for in order: CHROMIUM_PATH, Debian's chromium, one Playwright installed", () => {
    const only = (present: string) => (candidate: string) => candidate === present;
    expect(findBrowser("/opt/chrome", only("/opt/chrome"))).toEqual({ path: "/opt/chrome" });
    expect(findBrowser(undefined, only("/usr/bin/chromium"))).toEqual({ path: "/usr/bin/chromium" });
    const playwrights = findBrowser(undefined, (candidate) => candidate.includes("ms-playwright"));
    expect(playwrights).toEqual({ path: expect.stringContaining("ms-playwright") });
    expect(findBrowser(undefined, () => false)).toEqual({ problem: NO_BROWSER });
  });

  it("stops npm test with one line when CHROMIUM_PATH names nothing", () => {
    const result = checkBrowser({ CHROMIUM_PATH: "/nonexistent/chromium" });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("CHROMIUM_PATH=/nonexistent/chromium does not exist.\n");
  });

  it.runIf(existsSync("/usr/bin/chromium"))("passes quietly when there is a browser", () => {
    const result = checkBrowser({ CHROMIUM_PATH: "" });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("names the ways to get one", () => {
    expect(NO_BROWSER).toMatch(/apt-get install chromium.*npx playwright install chromium/);
    expect(NO_BROWSER.includes("\n")).toBe(false);
  });
});

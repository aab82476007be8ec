import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export type BrowserChoice = { path: string } | { problem: string };

export const NO_BROWSER =
  "No Chromium for the browser tests: `apt-get install chromium` (Debian/Ubuntu), `npx playwright install chromium` where downloads work, or set CHROMIUM_PATH.";

/**
 * The Chromium the browser tests drive, in order: CHROMIUM_PATH, Debian's /usr/bin/chromium, one Playwright
 * downloaded itself. A CHROMIUM_PATH that does not exist is an error, not a reason to try the others.
 */
export function findBrowser(
  chromiumPath: string | undefined,
  exists: (path: string) => boolean = existsSync,
): BrowserChoice {
  if (chromiumPath) {
    return exists(chromiumPath)
      ? { path: chromiumPath }
      : { problem: `CHROMIUM_PATH=${chromiumPath} does not exist.` };
  }
  const candidates = ["/usr/bin/chromium", playwrightChromium()].filter((path): path is string =>
    Boolean(path),
  );
  const found = candidates.find((path) => exists(path));
  return found ? { path: found } : { problem: NO_BROWSER };
}

function playwrightChromium(): string | null {
  try {
    return chromium.executablePath();
  } catch {
    // Playwright knows no build for this platform.
    return null;
  }
}

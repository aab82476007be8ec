import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page } from "@playwright/test";
import sharp from "sharp";
import { invitedUser, signIn } from "./support";

// Helpers of the review-ui specs: seed a sweep, a reviewer at a screen size, screenshots in both themes, axe.

export const STAMP = Date.now().toString(36);
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };
export const REASON = `hands-${STAMP}`;

export async function makePng(index: number, portrait = false, blue = 140): Promise<Buffer> {
  const background = {
    r: (index * 53 + Number.parseInt(STAMP.slice(-2), 36)) % 256,
    g: (index * 97) % 256,
    b: blue,
  };
  const [width, height] = portrait ? [360, 640] : [640, 480];
  return solidPng(background, width, height);
}

/**
 * A picture of one colour with two random pixels in its corner, so that no two posts share bytes. Colours alone did
 * not ensure that: each Playwright worker is a process with its own STAMP and counters, and two could paint alike (a
 * CI run got 200 "duplicate" where a spec posted a new image and expected its 201).
 */
export async function solidPng(
  background: { r: number; g: number; b: number },
  width: number,
  height: number,
): Promise<Buffer> {
  const corner = {
    input: randomBytes(6),
    raw: { width: 2, height: 1, channels: 3 as const },
    left: 0,
    top: 0,
  };
  return sharp({ create: { width, height, channels: 3, background } })
    .composite([corner])
    .png()
    .toBuffer();
}

/** Posts `count` images of one model whose seed and CFG change from one to the next (a sweep). */
export async function seedSweep(
  page: Page,
  key: string,
  model: string,
  count: number,
  blue = 140,
): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const posted = await page.request.post("/api/v1/images", {
      headers: { authorization: `Bearer ${key}` },
      multipart: {
        file: {
          name: `s${index}.png`,
          mimeType: "image/png",
          buffer: await makePng(index, index % 2 === 1, blue),
        },
        metadata: JSON.stringify({
          prompt: `a harbour at dawn ${STAMP}`,
          negative_prompt: "blurry, text",
          model,
          seed: 1000 + index,
          steps: 30,
          cfg_scale: 5 + index,
          sampler: "Euler a",
          loras: [{ name: "film-grain", weight: 0.6 }],
        }),
      },
    });
    expect(posted.status()).toBe(201);
    ids.push(((await posted.json()) as { id: string }).id);
  }
  return ids;
}

/** A reviewer signed in on a fresh context of the given size (its own preferences, untouched by other specs). */
export async function reviewerAt(
  browser: Browser,
  admin: Page,
  viewport: { width: number; height: number },
  isTouch = false,
): Promise<Page> {
  const { page: invited, email } = await invitedUser(admin, browser, "reviewer");
  await invited.context().close();
  const context = await browser.newContext({
    viewport,
    hasTouch: isTouch,
    isMobile: isTouch,
    colorScheme: "dark",
  });
  const page = await context.newPage();
  await signIn(page, email, "reviewer-password-123");
  // Signed in: the user line is in the page (folded into the menu on a phone).
  await expect(page.getByText(`${email} · reviewer`)).toBeAttached();
  return page;
}

/** The screen in both themes (the reviewer's theme is "system", so the emulated preference decides). */
export async function shoot(page: Page, name: string, size: "desktop" | "phone") {
  for (const scheme of ["dark", "light"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/ui/${name}-${size}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "dark" });
}

export async function expectNoSeriousAxeViolations(page: Page, what: string, rules?: string[]) {
  // Legacy mode runs axe in the page itself; the default opens a blank page (a renderer process) per call to
  // merge the frames' results, and our pages have no frames: that was most of a call's second. Nodes are listed
  // for violations only.
  const builder = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ["violations"] });
  const results = await (rules ? builder.withRules(rules) : builder).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
  expect(serious, `axe on ${what}`).toEqual([]);
}

export const stage = (page: Page) => page.getByTestId("review-stage");

/**
 * Presses a key on image `onId` and, when given, waits for the desk to show `nextId`. Waits for the desk's keys to
 * be on first: a key pressed before the page hydrated (or while an overlay holds the keys) is not the desk's.
 */
export async function press(page: Page, key: string, onId: string, nextId?: string) {
  await expect(stage(page)).toHaveAttribute("data-image-id", onId);
  await expect(stage(page)).toHaveAttribute("data-keys", "on");
  if (nextId) await untilMoved(page, onId, nextId, () => page.keyboard.press(key));
  else await page.keyboard.press(key);
}

/**
 * Acts (a key, a tap) on image `fromId` and waits for the desk to show `toId`. The desk moves the moment it takes
 * the action, so a stage still on `fromId` after a while means it never arrived (a busy machine can lose a key, and
 * Chromium spends a tap that lands during a swipe's fling on stopping it): act again. A stage anywhere else fails.
 * The while is 5 s: under a full CI run on two cores a key can take over 2 s to reach the desk, and acting again
 * while it is on its way moves the desk twice (a run with a 2 s while failed so: the stage on neither image).
 */
export async function untilMoved(page: Page, fromId: string, toId: string, act: () => Promise<void>) {
  await act();
  await expect(async () => {
    try {
      await expect(stage(page)).toHaveAttribute("data-image-id", toId, { timeout: 5000 });
    } catch (error) {
      if ((await stage(page).getAttribute("data-image-id")) === fromId) await act();
      throw error;
    }
  }).toPass({ timeout: 15_000 });
}

/** A horizontal swipe on the review stage, as real touch events (Chromium's input domain). */
export async function swipe(page: Page, direction: "left" | "right") {
  const box = await stage(page).boundingBox();
  if (!box) throw new Error("no review stage");
  const y = box.y + box.height / 2;
  const [from, to] =
    direction === "left" ? [box.width * 0.8, box.width * 0.2] : [box.width * 0.2, box.width * 0.8];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: from, y }] });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: (from + to) / 2, y }] });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: to, y }] });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
  // Chromium treats a tap right after a fast swipe as stopping the fling (no click), as a finger would.
  await page.waitForTimeout(600);
}

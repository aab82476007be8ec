// Issue 26, "pages that do not fit yet": one-line navigation with an Admin menu, folded filters (the first
// thumbnail starts high), /stats and /experiments on a phone, labelled charts and the experiments' interval
// figure, status badges, the invitation that signs in, the 404 page; then every page at 1440×900 and 390×844 in
// both themes: a screenshot and axe with no serious or critical violation (the light theme's colours at 1440×900).
import { type Browser, expect, type Page, test } from "@playwright/test";
import { seedImages, word } from "./desk-support";
import { DESKTOP, expectNoSeriousAxeViolations, PHONE, STAMP } from "./review-ui-support";
import { adminPage, createApiKeyViaUi, invitedUser } from "./support";

let seeder: Promise<{ admin: Page; key: string }> | null = null;
const seed = (browser: Browser) => {
  seeder ??= (async () => {
    const admin = await adminPage(browser);
    return {
      admin,
      key: await createApiKeyViaUi(admin, `desk-pages-${STAMP}`, ["ingest", "read", "critic"]),
    };
  })();
  return seeder;
};

/** An admin of its own on a fresh context of this size with touch on a phone; its theme follows the system. */
async function adminAt(browser: Browser, admin: Page, viewport: { width: number; height: number }) {
  const { page: invited } = await invitedUser(admin, browser, "admin");
  const isTouch = viewport.width < 500;
  const context = await browser.newContext({
    viewport,
    hasTouch: isTouch,
    isMobile: isTouch,
    colorScheme: "dark",
  });
  // The invitation signed the new admin in: the session cookie moves to the sized context.
  await context.addCookies(await invited.context().cookies());
  await invited.context().close();
  const page = await context.newPage();
  await page.goto("/");
  return page;
}

const noSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test("an invitation signs the new user in; the 404 page leads back", async ({ browser }) => {
  const { admin } = await seed(browser);
  const { page, email } = await invitedUser(admin, browser, "reviewer");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText(`${email} · reviewer`)).toBeAttached();
  const missing = await page.goto(`/no-such-page-${STAMP}`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "404 — Not found" })).toBeVisible();
  await page.getByRole("link", { name: "← Back to the gallery" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect((await page.goto("/images/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
  await expect(page.getByRole("link", { name: "← Back to the gallery" })).toBeVisible();
});

test("1440×900: the navigation is one line with an Admin menu; filters fold; the first thumbnail starts high", async ({
  browser,
}) => {
  const { admin, key } = await seed(browser);
  await seedImages(admin, key, 3, { prompt: `nav ${word("nav")}` });
  const page = await adminAt(browser, admin, DESKTOP);
  const header = page.locator("body > header");
  expect((await header.boundingBox())?.height).toBeLessThan(70);
  await expect(page.getByRole("link", { name: "Users" })).toBeHidden();
  await page.getByRole("button", { name: "Admin" }).click();
  for (const name of ["Users", "API keys", "Tags", "Review rule", "Critic thresholds", "Integrity"])
    await expect(page.getByRole("link", { name })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("link", { name: "Users" })).toBeHidden();
  await expect(page.getByLabel("Prompt search")).toBeHidden();
  const first = await page.getByTestId("gallery-tile").first().boundingBox();
  expect(first?.y).toBeLessThan(220);
  await page.getByRole("button", { name: "Filters", exact: true }).click();
  await expect(page.getByLabel("Prompt search")).toBeVisible();
});

test("390×844: the first thumbnail starts high; /stats and /experiments fit the screen, filters folded", async ({
  browser,
}) => {
  const { admin, key } = await seed(browser);
  // Tiles to measure, even when this test is the first of the file in its worker.
  await seedSize(browser, "phone");
  // A model named without a break (as desk-review's phone test posts): the model charts and tables still fit.
  await seedImages(admin, key, 1, {
    prompt: `unbroken ${word("unbroken")}`,
    model: `${"checkpoint_with_a_name_that_never_ends_".repeat(4)}${STAMP}`,
  });
  const page = await adminAt(browser, admin, PHONE);
  const first = await page.getByTestId("gallery-tile").first().boundingBox();
  expect(first?.y).toBeLessThan(220);
  // Before hydration (or on a slow phone) the charts are the server's draw, at a guessed width: still no sideways.
  const unhydrated = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  await unhydrated.addCookies(await page.context().cookies());
  const still = await unhydrated.newPage();
  for (const path of ["/stats", "/experiments"]) {
    await still.goto(path);
    await expect(still.locator("figure").first()).toBeVisible();
    expect(await noSideways(still), `${path} scrolls sideways before hydration`).toBe(true);
  }
  await unhydrated.close();
  for (const path of ["/stats", "/experiments", "/experiments?parameter=lora"]) {
    await page.goto(path);
    await expect(page.getByLabel("Model", { exact: true })).toBeHidden();
    expect(await noSideways(page), `${path} scrolls sideways`).toBe(true);
    for (const table of await page.locator("table").all()) {
      const box = await table.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 0), `${path} table`).toBeLessThanOrEqual(PHONE.width);
    }
    await page.getByRole("button", { name: "Filters" }).tap();
    await expect(page.getByLabel("Model", { exact: true })).toBeVisible();
  }
});

test("charts: every model bar is named; experiments draw the interval, best lower bound first", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const { admin, key } = await seed(browser);
  const chart = word("chart");
  const [many, one] = [`steady_${STAMP}`, `lucky_${STAMP}`];
  await seedImages(admin, key, 10, { prompt: `bowls ${chart}`, model: many });
  const [lucky = ""] = await seedImages(admin, key, 1, { prompt: `bowls ${chart}`, model: one });
  const page = await adminAt(browser, admin, DESKTOP);
  // Eight of ten approved for one model; the other's single image approved.
  await page.goto(`/?q=${chart}&model=${encodeURIComponent(`"${many}"`)}`);
  await page.getByRole("button", { name: "Select all in view" }).click();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Approve 10" }).click();
  await expect(page.getByTestId("bulk-message")).toContainText("Approved 10");
  await page.getByRole("button", { name: "Clear" }).click();
  const tiles = page.getByTestId("gallery-tile").locator("a");
  await tiles.nth(0).click({ modifiers: ["ControlOrMeta"] });
  await tiles.nth(1).click({ modifiers: ["ControlOrMeta"] });
  await page.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(page.getByTestId("bulk-message")).toContainText("Rejected 2");
  await page.goto(`/images/${lucky}`);
  await page
    .getByTestId("image-review")
    .getByRole("button", { name: /^Approve/ })
    .click();
  await expect(page.getByTestId("image-status")).toContainText("approved");

  await page.goto(`/experiments?q=${chart}`);
  const rows = page.getByTestId("experiment-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(many);
  await expect(rows.nth(0)).toContainText("80% of 10");
  await expect(rows.nth(1)).toContainText(one);
  await expect(rows.nth(1)).toContainText("100% of 1");
  const lows = await rows.evaluateAll((all) => all.map((row) => Number(row.getAttribute("data-low"))));
  expect(lows[0]).toBeGreaterThan(lows[1] ?? 1);
  // The lucky one's whisker reaches far down: no full bar.
  await expect(rows.nth(1).locator("a")).toHaveAttribute("aria-label", /interval 21%–100%/);
  await page.screenshot({ path: "test-results/ui/experiments-chart-desktop-dark.png", fullPage: true });

  await page.goto("/stats");
  const models = page.locator('[data-chart="Top models"]');
  await expect(models.locator(".recharts-bar-rectangle").first()).toBeVisible();
  const bars = await models.locator(".recharts-bar-rectangle").count();
  // The names: recharts draws tick labels in a layer of their own (recharts-yAxis-tick-labels).
  const ticks = models.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value");
  expect(await ticks.count()).toBe(bars);
  const boxes = await ticks.evaluateAll((all) =>
    all.map((tick) => tick.getBoundingClientRect()).map(({ top, bottom }) => ({ top, bottom })),
  );
  for (let index = 1; index < boxes.length; index += 1)
    expect(boxes[index]?.top ?? 0).toBeGreaterThanOrEqual((boxes[index - 1]?.bottom ?? 0) - 1);

  // Tiles say their status in a glyph and a word; unreviewed shows no mark that could pass for a checkbox.
  await page.goto(`/?q=${chart}&sort=oldest`);
  const badge = page.getByTestId("gallery-tile").first().locator("[data-status]");
  await expect(badge).toHaveAttribute("data-status", "approved");
  await expect(badge).toHaveText("✓approved");
  await seedImages(admin, key, 1, { prompt: `unreviewed ${chart}` });
  await page.goto(`/?q=unreviewed`);
  const none = page.getByTestId("gallery-tile").first().locator("[data-status=unreviewed]");
  expect((await none.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
});

// Review mode over this spec's own images (seedSize's axe_* models): opening it leases the view's first images
// to this admin for LEASE_MINUTES, and over the whole library that took the images other specs running beside
// this one had just posted for their own reviewers (desk-review's long values on a phone got an empty desk).
const REVIEW_PAGE = "/review?model=axe_";

const PAGES = [
  "/",
  REVIEW_PAGE,
  "/duplicates",
  "/datasets",
  "/critics",
  "/stats",
  "/experiments",
  "/upload",
  "/account/password",
  "/admin/users",
  "/admin/keys",
  "/admin/tags",
  "/admin/review-settings",
  "/admin/critics",
  "/admin/doctor",
  `/no-such-page-${STAMP}`,
];

// A theme changes only colours: every rule in the dark theme, the rules that read colours in the light one (a
// second full pass doubled the sweep's time). The colours are the same at every size, so the light pass runs on
// every page at the desktop size, and on a phone only where the phone has chrome of its own (the folded menu, the
// touch desk); the phone's dark pass keeps every rule on every page (layout, sideways scrolling, touch targets),
// and its light screenshots are still taken.
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];
const PHONE_LIGHT_PAGES = new Set(["/", REVIEW_PAGE, "/sign-in"]);

/** A screenshot (when `shot` names one) and axe in the dark theme, then in the light one. */
async function inBothThemes(page: Page, path: string, size: "desktop" | "phone", shot?: string) {
  for (const scheme of ["dark", "light"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    if (shot) await page.screenshot({ path: `${shot}-${scheme}.png` });
    const what = `${path} ${size} ${scheme}`;
    if (scheme === "dark") await expectNoSeriousAxeViolations(page, what);
    else if (size === "desktop" || PHONE_LIGHT_PAGES.has(path))
      await expectNoSeriousAxeViolations(page, what, COLOUR_RULES);
  }
}

const seeded = new Map<string, Promise<{ ids: string[]; critic: string }>>();
/** Three images of the size's own model with a critic's scores: once per size (in each worker that needs them). */
function seedSize(browser: Browser, size: "desktop" | "phone") {
  const existing = seeded.get(size);
  if (existing) return existing;
  const seeding = (async () => {
    const { admin, key } = await seed(browser);
    const ids = await seedImages(admin, key, 3, {
      prompt: `every page ${word(`axe${size}`)}`,
      model: `axe_${size}`,
    });
    const critic = `axe-${size}-${STAMP}`;
    const scored = await admin.request.post("/api/v1/critiques", {
      headers: { authorization: `Bearer ${key}` },
      data: {
        items: ids.map((image_id) => ({ image_id, critic, critic_version: "1", score: 0.7, scale: "0-1" })),
      },
    });
    expect(scored.ok()).toBe(true);
    return { ids, critic };
  })();
  seeded.set(size, seeding);
  return seeding;
}

/** Each page: a screenshot in both themes, axe, and no sideways scrolling. */
async function sweep(page: Page, paths: string[], size: "desktop" | "phone") {
  for (const path of paths) {
    await page.goto(path);
    const name = path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "gallery";
    await inBothThemes(page, path, size, `test-results/ui/pages/${name}-${size}`);
    expect(await noSideways(page), `${path} scrolls sideways at ${size}`).toBe(true);
  }
}

for (const [size, viewport] of [
  ["desktop", DESKTOP],
  ["phone", PHONE],
] as const) {
  test(`${size}: every page in both themes, screenshot and axe with no serious or critical violation`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const { admin } = await seed(browser);
    // The queue, the gallery and the charts show these images, whichever of the two tests runs first.
    await seedSize(browser, size);
    const page = await adminAt(browser, admin, viewport);
    await sweep(page, PAGES, size);
    // Signed out: the sign-in page and an invalid invitation.
    const anonymous = await (await browser.newContext({ viewport })).newPage();
    for (const path of ["/sign-in", `/invite/not-a-real-token-${STAMP}`]) {
      await anonymous.goto(path);
      await inBothThemes(anonymous, path, size);
    }
  });

  test(`${size}: the pages of an image, a comparison, a critic, a filtered gallery and a frozen dataset, in both themes`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const { admin } = await seed(browser);
    const { ids, critic } = await seedSize(browser, size);
    const page = await adminAt(browser, admin, viewport);
    // A dataset with a frozen version, so its page shows the "download ZIP" link.
    await page.goto("/datasets");
    await page.getByLabel("Name", { exact: true }).fill(`axe ${size} ${STAMP}`);
    await page.getByLabel("Review status").selectOption("");
    await page.getByLabel("Model").fill(`"axe_${size}"`);
    await page.getByRole("button", { name: "Create dataset" }).click();
    await expect(page).toHaveURL(/\/datasets\/[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: "Freeze a version" }).click();
    await expect(page.getByRole("link", { name: "download ZIP" })).toBeVisible();
    const dataset = new URL(page.url()).pathname;
    await sweep(
      page,
      [
        dataset,
        `/images/${ids[0]}`,
        `/compare?ids=${ids[0]},${ids[1]}`,
        `/critics/${critic}`,
        `/?model=axe_${size}`,
      ],
      size,
    );
  });
}

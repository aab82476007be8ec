// Issue 15 at 1440×900: notes after X, the full-screen viewer, grid choices, datasets, compare, upload,
// themes; screenshots of every screen in both themes (test-results/ui/) and axe on the main pages.
import { expect, test } from "@playwright/test";
import {
  DESKTOP,
  expectNoSeriousAxeViolations,
  makePng,
  press,
  REASON,
  reviewerAt,
  STAMP,
  seedSweep,
  shoot,
} from "./review-ui-support";
import { adminPage, createApiKeyViaUi, waitForDerived } from "./support";

test("desktop 1440×900: notes after X, the viewer, grid choices, datasets, compare, upload, themes, axe", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const admin = await adminPage(browser);
  const key = await createApiKeyViaUi(admin, `review-ui-${STAMP}`, ["ingest", "read"]);
  await admin.goto("/admin/tags");
  const newTag = admin.getByTestId("new-tag");
  await newTag.getByLabel("Tag name").fill(REASON);
  await newTag.getByLabel("Kind").selectOption("reject_reason");
  await newTag.getByRole("button", { name: "Add tag" }).click();
  await expect(admin.getByTestId(`tag-${REASON}`)).toBeVisible();
  const model = `ui-model-${STAMP}`;
  const [i1 = "", i2 = "", i3 = "", i4 = "", i5 = "", i6 = ""] = await seedSweep(admin, key, model, 6);
  const page = await reviewerAt(browser, admin, DESKTOP);
  const view = `model=${model}&sort=oldest`;

  // The desk's first request for the panel's settings fails (the network, a restarting server): it is asked again.
  // So does its first decision: it is not shown as made, and the reviewer is told.
  const refused = { details: 0, decisions: 0 };
  await page.route(
    (url) => url.pathname === "/review",
    (route) => {
      const request = route.request();
      const body = request.method() === "POST" ? (request.postData() ?? "") : "";
      const kind = body.includes('"ids":') ? "details" : body.includes('"decide"') ? "decisions" : null;
      if (!kind || refused[kind] > 0) return route.continue();
      refused[kind] += 1;
      return route.abort("connectionreset");
    },
  );

  // 1. A note and a reason typed after X land on the rejected image, which stays shown until the next decision.
  await page.goto(`/review?${view}`);
  await expect(page.getByTestId("review-done")).toHaveText("0 of 6 reviewed");
  await expect(page.getByTestId("review-settings")).toContainText(`a harbour at dawn ${STAMP}`);
  expect(refused.details).toBe(1);
  await press(page, "a", i1, i2);
  await expect(page.getByRole("alert").filter({ hasText: "The server did not answer" })).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await expect(page.getByTestId("review-done")).toHaveText("0 of 6 reviewed");
  expect(refused.decisions).toBe(1);
  await page.goto(`/review?${view}`);
  await press(page, "a", i1, i2);
  await expect(page.getByTestId("tag-target")).toHaveAttribute("data-target", "current");
  await press(page, "x", i2, i3);
  await expect(page.getByTestId("tag-target")).toHaveAttribute("data-target", i2);
  await page.keyboard.press("n");
  await page.getByLabel("Note for this image").fill("hands are wrong");
  await page.keyboard.press("Enter");
  await page.keyboard.press("t");
  await page.getByLabel("Find a tag").fill(REASON);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("target-reasons")).toHaveText(`${REASON} · “hands are wrong”`);
  await expect(page.getByTestId("my-reasons")).toHaveText("");
  // The panel: every setting, what the sweep changed since the previous image, a slot for critics.
  await expect(page.getByTestId("review-settings")).toContainText("blurry, text");
  await expect(page.getByTestId("review-settings")).toContainText("film-grain:0.6");
  await expect(page.getByTestId("review-diff")).toHaveText(
    "Changed since the previous image: Seed, CFG, Size",
  );
  await expect(page.getByTestId("review-critics")).toHaveText("none yet");
  await shoot(page, "review", "desktop");
  await press(page, "a", i3, i4);
  await expect(page.getByTestId("tag-target")).toHaveAttribute("data-target", "current");
  await expect(page.getByTestId("review-done")).toHaveText("3 of 6 reviewed");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await expectNoSeriousAxeViolations(page, "review");
  // X can open the reason picker instead (a saved choice), still aimed at the rejected image.
  await page.keyboard.press("?");
  await page.getByLabel("After X (reject):").selectOption("picker");
  await page.keyboard.press("Escape");
  await press(page, "x", i4, i5);
  await expect(page.getByRole("dialog", { name: "Reason tags" })).toBeVisible();
  await page.getByLabel("Find a tag").fill(REASON);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("target-reasons")).toHaveText(REASON);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await page.goto(`/review?${view}&at=${i2}`);
  await expect(page.getByTestId("my-decision")).toHaveText("reject");
  await expect(page.getByTestId("my-reasons")).toHaveText(REASON);
  await expect(page.getByTestId("review-desk")).toContainText("hands are wrong");
  await page.goto(`/review?${view}&at=${i3}`);
  await expect(page.getByTestId("my-decision")).toHaveText("approve");
  await expect(page.getByTestId("my-reasons")).toHaveText("");

  // 4. Grid choices persist per user; an empty view offers no review.
  await page.goto(`/?${view}`);
  await expect(page.getByRole("link", { name: "Review this view →" })).toBeVisible();
  await page.getByLabel("Tiles").selectOption("large");
  await page.getByLabel("Fit").selectOption("contain");
  await page.getByLabel("Caption").selectOption("seed");
  await expect(page.getByTestId("grid-prompt").first()).toHaveText("seed 1000");
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.getByTestId("gallery-grid")).toHaveAttribute("data-tile-size", "large");
  await expect(page.getByLabel("Tiles")).toHaveValue("large");
  await expect(page.getByTestId("gallery-tile").first().locator("img")).toHaveAttribute(
    "data-fit",
    "contain",
  );
  await expect(page.getByTestId("grid-prompt").first()).toHaveText("seed 1000");
  await shoot(page, "gallery", "desktop");
  await expectNoSeriousAxeViolations(page, "gallery");
  // Drag-select: press on the first tile, drag over the third.
  const tiles = page.getByTestId("gallery-tile");
  const first = await tiles.nth(0).boundingBox();
  const third = await tiles.nth(2).boundingBox();
  if (!first || !third) throw new Error("tiles not laid out");
  await page.mouse.move(first.x + 20, first.y + 20);
  await page.mouse.down();
  await page.mouse.move(first.x + 60, first.y + 40, { steps: 4 });
  await page.mouse.move(third.x + 20, third.y + 30, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId("selection-count")).toHaveText("3 selected");
  await page.getByRole("button", { name: "Clear" }).click();
  await page.goto(`/?model=nothing-here-${STAMP}`);
  await expect(page.getByText("No images match this view.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Review this view →" })).toHaveCount(0);

  // 2. The full-screen viewer: open from a tile, walk the view, zoom, approve, Esc back to the same place.
  await page.goto(`/?${view}`);
  await page.getByLabel("Tiles").selectOption("small");
  await page.evaluate(() => window.scrollTo(0, 120));
  const scrolled = await page.evaluate(() => window.scrollY);
  await tiles.nth(1).click();
  const viewer = page.getByTestId("image-viewer");
  await expect(viewer).toBeVisible();
  await press(page, "ArrowRight", i2, i3);
  await press(page, "ArrowRight", i3, i4);
  await page.keyboard.press("z");
  await expect(viewer.locator("[data-zoom]")).toHaveAttribute("data-zoom", "100%");
  await page.keyboard.press("z");
  await shoot(page, "viewer", "desktop");
  await press(page, "ArrowRight", i4, i5);
  await press(page, "a", i5, i6);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await page.keyboard.press("Escape");
  await expect(viewer).toHaveCount(0);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  await expect(page.locator(`[data-tile-id="${i2}"] a`)).toBeFocused();
  await page.goto(`/review?${view}&at=${i5}`);
  await expect(page.getByTestId("my-decision")).toHaveText("approve");

  // The image page opens the same viewer (→), and zooms in place (Z).
  await page.goto(`/images/${i5}?${view}`);
  const zoom = page.locator("[data-zoom]").first();
  // The keys work once the page has hydrated; until then a press is lost, so press again while it still fits.
  await expect(async () => {
    if ((await zoom.getAttribute("data-zoom")) === "fit") await page.keyboard.press("z");
    await expect(zoom).toHaveAttribute("data-zoom", "100%", { timeout: 1000 });
  }).toPass();
  await shoot(page, "image", "desktop");
  await expectNoSeriousAxeViolations(page, "image");
  await page.keyboard.press("ArrowRight");
  await press(page, "ArrowRight", i5, i6);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("image-viewer")).toHaveCount(0);

  // 6. Compare: headings say status and seed; the shared prompt is not lit.
  await page.goto(`/compare?ids=${i2},${i3}`);
  await expect(page.getByTestId("compare-heading")).toHaveText([
    "A · rejected · seed 1001 →",
    "B · approved · seed 1002 →",
  ]);
  await expect(page.locator('tr[data-field="Prompt"]')).not.toHaveAttribute("data-differs", "true");
  await shoot(page, "compare", "desktop");

  // 5. Datasets: thumbnails, the filter in words, captions fresh after a template, a stale box refused.
  // Thumbnails are a worker's, made after each 201 (meanwhile, the steps above ran).
  await waitForDerived(admin, key, [i1, i2, i3, i4, i5, i6]);
  await page.goto("/datasets");
  await shoot(page, "datasets", "desktop");
  await page.getByLabel("Name", { exact: true }).fill(`harbours-${STAMP}`);
  await page.getByLabel("Review status").selectOption("");
  await page.getByLabel("Model").fill(model);
  await page.getByRole("button", { name: "Create dataset" }).click();
  await expect(page).toHaveURL(/\/datasets\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("dataset-thumb").locator("img")).toHaveCount(6);
  await expect(page.getByTestId("dataset-filter")).toHaveText(
    `Built from: All live images with model “${model}”`,
  );
  const stale = await page.context().newPage();
  await stale.goto(page.url());
  await page.getByLabel("Trigger word").fill("hrbr");
  await page.getByRole("button", { name: "Preview template" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("6 captions changed")).toBeVisible();
  await expect(page.getByLabel("Caption", { exact: true }).first()).toHaveValue(/^hrbr, /);
  const staleBox = stale.getByLabel("Caption", { exact: true }).first();
  await staleBox.fill("an old caption");
  await stale.getByRole("button", { name: "Save" }).first().click();
  await expect(stale.getByText("This caption was changed after you opened it")).toBeVisible();
  await expect(staleBox).toHaveValue(/^hrbr, /);
  await stale.close();
  await shoot(page, "dataset", "desktop");
  await expectNoSeriousAxeViolations(page, "dataset");

  // 7. Upload: sizes as the one byte formatter writes them, and a link to the run when done.
  await page.goto("/upload");
  await page.getByLabel("Run (optional)").fill(`ui-upload-${STAMP}`);
  await page.locator("input[type=file][accept]").setInputFiles([
    { name: "one.png", mimeType: "image/png", buffer: await makePng(41) },
    { name: "two.png", mimeType: "image/png", buffer: await makePng(42) },
  ]);
  await expect(page.getByTestId("upload-size").first()).toHaveText(/^[\d,.]+ (B|KB|MB)$/);
  const runLink = page.getByRole("link", { name: "See this run in the gallery →" });
  await expect(runLink).toBeVisible();
  await shoot(page, "upload", "desktop");
  await runLink.click();
  await expect(page).toHaveURL(/run=[0-9a-f-]{36}/);
  await expect(page.getByTestId("gallery-tile")).toHaveCount(2);

  // 8. Themes: the toggle pins light or dark, kept across reloads; system follows the device again.
  await page.goto("/");
  const toggle = page.getByTestId("theme-toggle");
  await expect(toggle).toHaveText("Theme: system");
  // The choice is saved behind the change (a server action): reload once that save has answered, not after a fixed
  // wait a busy machine can outlast.
  const saved = page.waitForResponse(
    (response) =>
      response.request().method() === "POST" &&
      response.request().headers()["next-action"] !== undefined &&
      (response.request().postData() ?? "").includes('"theme":"light"'),
  );
  await toggle.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect((await saved).ok()).toBe(true);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await expect(page.locator("body")).toHaveCSS("background-color", /^(lab\(9\d|oklch\(0\.9|rgb\(2[45]\d)/);
  await page.screenshot({ path: "test-results/ui/theme-pinned-light-desktop.png" });
  await page.getByTestId("theme-toggle").click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.getByTestId("theme-toggle").click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
});

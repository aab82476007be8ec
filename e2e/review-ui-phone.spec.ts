// Issues 15 and 26 at 390×844 with touch: image first, taps, swipes that decide (with Undo), the folding menu and
// filters, tap-to-select.
import { expect, test } from "@playwright/test";
import { PHONE, reviewerAt, STAMP, seedSweep, shoot, stage, swipe, untilMoved } from "./review-ui-support";
import { adminPage, createApiKeyViaUi } from "./support";

test("phone 390×844: image first, touch review by taps and swipes, collapsing menu, tap-to-select", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await adminPage(browser);
  const key = await createApiKeyViaUi(admin, `review-ui-phone-${STAMP}`, ["ingest"]);
  const model = `ui-phone-${STAMP}`;
  const [p1 = "", p2 = "", p3 = "", p4 = ""] = await seedSweep(admin, key, model, 5, 200);
  const page = await reviewerAt(browser, admin, PHONE, true);
  const view = `model=${model}&sort=oldest`;

  // The menu folds into one button.
  await page.goto(`/?${view}`);
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(page.getByRole("link", { name: "Datasets" })).toBeHidden();
  await menu.tap();
  await expect(page.getByRole("link", { name: "Datasets" })).toBeVisible();
  await shoot(page, "menu-open", "phone");
  await menu.tap();
  // The filter bar folds too, so the images come first.
  await expect(page.getByLabel("Prompt search")).toBeHidden();
  await page.getByRole("button", { name: "Filters (on)" }).tap();
  await expect(page.getByLabel("Prompt search")).toBeVisible();
  await shoot(page, "filters-open", "phone");
  await page.getByRole("button", { name: "Hide filters" }).tap();

  // Tap-to-select instead of Ctrl/Shift-click.
  await page.getByRole("button", { name: "Select", exact: true }).tap();
  await page.getByTestId("gallery-tile").nth(0).locator("a").tap();
  await page.getByTestId("gallery-tile").nth(2).locator("a").tap();
  await expect(page.getByTestId("selection-count")).toHaveText("2 selected");
  await shoot(page, "gallery", "phone");
  await page.getByRole("button", { name: "Clear" }).tap();
  await page.getByRole("button", { name: "Done selecting" }).tap();

  // Review by touch: the image takes the width, big buttons below it, swipes decide.
  await page.goto(`/review?${view}`);
  const box = await stage(page).boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(380);
  expect(box?.height).toBeGreaterThanOrEqual(300);
  const approve = page.getByRole("button", { name: /^Approve/ });
  expect((await approve.boundingBox())?.height).toBeGreaterThanOrEqual(44);
  await shoot(page, "review", "phone");
  await expect(stage(page)).toHaveAttribute("data-image-id", p1);
  await approve.tap();
  await expect(stage(page)).toHaveAttribute("data-image-id", p2);
  // A swipe decides (← reject, → approve), says so, and one tap on Undo takes it back.
  await expect(page.getByTestId("swipe-hint")).toHaveText(/→ approve · ← reject/);
  await swipe(page, "left");
  await expect(stage(page)).toHaveAttribute("data-image-id", p3);
  await expect(page.getByTestId("undo-toast")).toContainText("Rejected #2");
  // A tap that lands while the swipe's fling settles is taken as stopping it (as a finger's would): tap again.
  const undo = page.getByTestId("undo-toast").getByRole("button", { name: "Undo" });
  await expect(async () => {
    if (await undo.isVisible()) await undo.tap();
    await expect(stage(page)).toHaveAttribute("data-image-id", p2, { timeout: 1500 });
  }).toPass();
  await expect(page.getByTestId("my-decision")).toHaveText("undecided");
  // Moving without deciding: the header's buttons.
  await page.getByRole("button", { name: "Next image" }).tap();
  await expect(stage(page)).toHaveAttribute("data-image-id", p3);
  await page.getByRole("button", { name: "Previous image" }).tap();
  await expect(stage(page)).toHaveAttribute("data-image-id", p2);
  await page.getByRole("button", { name: "Score 4" }).tap();
  await expect(page.getByTestId("my-score")).toHaveAttribute("data-score", "4");
  await swipe(page, "right");
  await expect(stage(page)).toHaveAttribute("data-image-id", p3);
  await expect(page.getByTestId("undo-toast")).toContainText("Approved #2");
  // The same for a tap on Approve right after the swipe.
  await untilMoved(page, p3, p4, () => approve.tap());
  await expect(page.getByTestId("review-done")).toHaveText("3 of 5 reviewed");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await page.goto(`/?${view}&status=approved`);
  await expect(page.getByTestId("view-count")).toHaveText("3 images");

  // Every other screen at phone size.
  await page.getByTestId("gallery-tile").first().locator("a").tap();
  await expect(page.getByTestId("image-viewer")).toBeVisible();
  await shoot(page, "viewer", "phone");
  await page.goto(`/images/${p1}`);
  await shoot(page, "image", "phone");
  await page.goto(`/compare?ids=${p1},${p2}`);
  await shoot(page, "compare", "phone");
  await page.goto("/datasets");
  await shoot(page, "datasets", "phone");
  const dataset = page.locator('a[href^="/datasets/"]').first();
  if ((await dataset.count()) > 0) {
    await dataset.tap();
    await expect(page).toHaveURL(/\/datasets\/[0-9a-f-]{36}$/);
    await shoot(page, "dataset", "phone");
  }
  await page.goto("/upload");
  await shoot(page, "upload", "phone");
});

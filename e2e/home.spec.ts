import { expect, test } from "@playwright/test";

test("the home page opens in chromium and says how to get images in", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/Lightbox/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your library is empty");
  await page.screenshot({ path: "test-results/home.png", fullPage: true });
});

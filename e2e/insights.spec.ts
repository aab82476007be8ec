import { expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { press } from "./review-ui-support";
import { adminPage, createApiKeyViaUi, failOnDialog } from "./support";

const STAMP = Date.now().toString(36);
const WORD = `insight${STAMP}`;

/** Every chart frame keeps the height it reserved before the chart drew: nothing below it moved. */
async function expectNoLayoutShift(page: Page) {
  const heights = await page
    .locator("figure[data-chart] > div")
    .evaluateAll((boxes) => boxes.map((box) => box.getBoundingClientRect().height));
  expect(heights.length).toBeGreaterThan(0);
  for (const height of heights) expect(height).toBe(260);
}

test("stats and experiments: charts drawn from reviewed images, rows link to the gallery", async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const admin = await adminPage(browser);
  failOnDialog(admin);
  const key = await createApiKeyViaUi(admin, `insights-${STAMP}`, ["ingest", "read", "critic"]);
  const auth = { authorization: `Bearer ${key}` };
  const ids: string[] = [];
  for (let index = 0; index < 6; index += 1) {
    const png = await sharp({
      create: { width: 96, height: 64, channels: 3, background: { r: index * 40, g: 120, b: 60 } },
    })
      .png()
      .toBuffer();
    const posted = await request.post("/api/v1/images", {
      headers: auth,
      multipart: {
        file: { name: `insight-${index}.png`, mimeType: "image/png", buffer: png },
        metadata: JSON.stringify({
          prompt: `${WORD} #${index}`,
          model: index < 4 ? `Alpha-${STAMP}.safetensors` : `beta-${STAMP}`,
          sampler: index % 2 ? "Euler a" : "DPM++ 2M Karras",
          steps: 20 + (index % 2) * 10,
          cfg_scale: 7,
          seed: index,
        }),
      },
    });
    expect(posted.status()).toBe(201);
    ids.push(((await posted.json()) as { id: string }).id);
  }
  // Humans approve three of alpha and reject one; beta gets one of each.
  await admin.goto(`/review?q=${WORD}&sort=oldest`);
  for (const [index, decision] of ["a", "a", "a", "x", "a", "x"].entries())
    await press(admin, decision, ids[index] ?? "");
  // Saved before the page is left: a full navigation drops a decision still queued in the page.
  await expect(admin.getByTestId("review-done")).toHaveText("6 of 6 reviewed");
  await expect(admin.getByTestId("save-state")).toHaveText("All changes saved");
  const critique = await request.post("/api/v1/critiques", {
    headers: auth,
    data: {
      items: ids.map((id, index) => ({
        image_id: id,
        critic: `e2e-${STAMP}`,
        critic_version: "1",
        score: index % 3 ? 0.9 : 0.1,
        scale: "0-1",
      })),
    },
  });
  expect(critique.status()).toBe(201);

  await admin.goto(`/stats?q=${WORD}`);
  await expect(admin.getByRole("heading", { name: "Statistics" })).toBeVisible();
  await expect(admin.getByText("6 live images")).toBeVisible();
  await expect(admin.locator(".recharts-wrapper")).toHaveCount(4);
  await expect(admin.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(admin.locator(".recharts-area")).toBeAttached();
  await expectNoLayoutShift(admin);
  await admin.screenshot({ path: "test-results/insights-stats.png", fullPage: true });
  await admin.emulateMedia({ colorScheme: "light" });
  await admin.screenshot({ path: "test-results/insights-stats-light.png", fullPage: true });
  await admin.emulateMedia({ colorScheme: "dark" });

  await admin.goto(`/experiments?q=${WORD}&parameter=model`);
  const table = admin.getByTestId("experiment-table");
  await expect(table.locator("tbody tr")).toHaveCount(2);
  // Alpha: 3 of 4 approved (Wilson low 0.30) ranks above beta: 1 of 2 (0.09).
  await expect(table.locator("tbody tr").first()).toContainText(`Alpha-${STAMP}`);
  await expect(table.locator("tbody tr").first()).toContainText("3 / 4");
  // The figure is the interval itself (point and whisker), in the table's order.
  await expect(admin.getByTestId("experiment-row")).toHaveCount(2);
  await expect(admin.getByTestId("experiment-row").first()).toContainText(`Alpha-${STAMP}`);
  // The experiments figure is HTML laid out with the page (no chart measuring itself after hydration): nothing
  // to reserve, nothing that moves.
  await admin.screenshot({ path: "test-results/insights-experiments.png", fullPage: true });

  await admin.goto(`/experiments?q=${WORD}&parameter=sampler`);
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await table.locator("tbody tr").first().getByRole("link", { name: "Gallery" }).click();
  await expect(admin).toHaveURL(/sampler=/);
  await expect(admin.getByTestId("gallery-tile")).toHaveCount(3);
  await admin.goto(`/experiments?q=${WORD}&parameter=sampler`);
  await table.locator("tbody tr").first().getByRole("link", { name: "Review" }).click();
  await expect(admin).toHaveURL(/\/review\?.*sampler=/);
});

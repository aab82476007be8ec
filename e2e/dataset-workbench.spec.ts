// Issue 27 (the workbench, the audit) and issue 26 item 3 at 1440×900 and 390×844: a dataset seeded through the
// API, then its audit's links, caption editing with history and undo, a template previewed as a diff, confirmed
// and undone, a tag renamed and searched, an image removed, a version frozen at the audited revision.
import { randomBytes } from "node:crypto";
import { type Browser, expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { DESKTOP, expectNoSeriousAxeViolations, PHONE, STAMP, shoot } from "./review-ui-support";
import { adminPage, createApiKeyViaUi, waitForDerived } from "./support";

test.describe.configure({ mode: "serial" });

/** Four images: two near-duplicates (one of them small), one other, one without a prompt (so no caption). */
async function seedDataset(admin: Page, size: string): Promise<{ id: string; ids: string[] }> {
  const key = await createApiKeyViaUi(admin, `workbench-${size}-${STAMP}`, ["admin"]);
  const noise = (side: number) =>
    sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } });
  const twin = randomBytes(32 * 32 * 3);
  const fromTwin = (width: number, height: number) =>
    sharp(twin, { raw: { width: 32, height: 32, channels: 3 } }).resize(width, height, { kernel: "nearest" });
  const images = [
    { image: fromTwin(800, 600), prompt: "a red square, studio light" },
    { image: fromTwin(320, 240), prompt: "a red square, flat" },
    { image: noise(32).resize(640, 640, { kernel: "nearest" }), prompt: "a blue field, studio light" },
    { image: noise(32).resize(600, 800, { kernel: "nearest" }), prompt: undefined },
  ];
  const ids: string[] = [];
  for (const [index, { image, prompt }] of images.entries()) {
    const posted = await admin.request.post("/api/v1/images", {
      headers: { authorization: `Bearer ${key}` },
      multipart: {
        file: { name: `w${index}.png`, mimeType: "image/png", buffer: await image.png().toBuffer() },
        metadata: JSON.stringify(prompt ? { prompt, model: `workbench-${STAMP}` } : {}),
      },
    });
    expect(posted.status()).toBe(201);
    ids.push(((await posted.json()) as { id: string }).id);
  }
  // Perceptual hashes (the audit's near-duplicates) and thumbnails are a worker's, made after each 201.
  await waitForDerived(admin, key, ids);
  const created = await admin.request.post("/api/v1/datasets", {
    headers: { authorization: `Bearer ${key}`, "Idempotency-Key": `workbench-${size}-${STAMP}` },
    data: { name: `workbench-${size}-${STAMP}`, image_ids: ids },
  });
  expect(created.status()).toBe(201);
  return { id: ((await created.json()) as { id: string }).id, ids };
}

async function adminAt(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const admin = await adminPage(browser);
  await admin.setViewportSize(viewport);
  return admin;
}

const caption = (page: Page) => page.getByLabel("Caption", { exact: true });

for (const [size, viewport] of [
  ["desktop", DESKTOP],
  ["phone", PHONE],
] as const) {
  test(`dataset workbench and audit at ${size} ${viewport.width}×${viewport.height}`, async ({ browser }) => {
    test.setTimeout(240_000);
    const page = await adminAt(browser, viewport);
    const { id, ids } = await seedDataset(page, size);
    await page.goto(`/datasets/${id}`);

    // The audit: each warning is a link to its images in the workbench.
    const warnings = page.getByTestId("audit-warnings");
    await expect(warnings.locator('[data-code="near_duplicates"]')).toHaveText(
      /2 images in 1 near-duplicate cluster/,
    );
    await expect(warnings.locator('[data-code="small_images"]')).toHaveText(/1 image under 512 px/);
    await warnings.locator('[data-code="missing_captions"]').click();
    await expect(page).toHaveURL(/missing=caption/);
    await expect(page.getByTestId("dataset-member")).toHaveCount(1);

    // A multi-line caption, its history, and undo from the history.
    await page.goto(`/datasets/${id}?ids=${ids[3]}`);
    await caption(page).fill("a green field,\nmorning light");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("Saved")).toBeVisible();
    await expect(caption(page)).toHaveValue("a green field, morning light");
    await page.getByRole("button", { name: "History" }).click();
    await expect(page.getByTestId("caption-history")).toContainText("a green field, morning light");
    await page.getByRole("button", { name: "Undo here" }).click();
    await expect(page.getByText("Restored")).toBeVisible();
    await expect(caption(page)).toHaveValue("");
    await caption(page).fill("a green field");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("Saved")).toBeVisible();

    // A template over the whole dataset: a diff first, typed captions left unless asked, then undone.
    await page.goto(`/datasets/${id}`);
    await page.getByLabel("Trigger word").fill("wbx");
    await page.getByRole("button", { name: "Preview template" }).click();
    const preview = page.getByTestId("bulk-preview");
    await expect(preview).toContainText("4 captions of 4 would change; 1 of them typed by a person.");
    await expect(preview.getByTestId("caption-diff").first()).toContainText("added: wbx");
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByText("3 captions changed, 1 typed caption left as they were")).toBeVisible();
    await expect(page.getByTestId("tag-vocabulary")).toContainText("wbx 3");
    // The same template again would change only the typed caption: it never stacks the trigger word (issue 26
    // item 3).
    await page.getByRole("button", { name: "Preview template" }).click();
    await expect(preview).toContainText("1 caption of 4 would change; 1 of them typed by a person.");
    await page.getByRole("button", { name: "Cancel" }).click();
    // Undo the template from the list of recent changes.
    await page.getByText("Recent caption changes").click();
    await page
      .getByTestId("caption-changes")
      .getByRole("button", { name: "Undo", exact: true })
      .first()
      .click();
    await expect(page.getByText("3 restored")).toBeVisible();
    await expect(page.getByTestId("tag-vocabulary")).not.toContainText("wbx");

    // The tag vocabulary: rename across the dataset in one step, then search by the new tag.
    await expect(page.getByTestId("tag-vocabulary")).toContainText("studio light 2");
    await page.getByLabel("Tag", { exact: true }).fill("studio light");
    await page.getByLabel("New name").fill("studio lighting");
    await page.getByRole("button", { name: "Preview tag change" }).click();
    await expect(preview).toContainText("2 captions of 4 would change.");
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByText("2 captions changed")).toBeVisible();
    await page
      .getByTestId("tag-vocabulary")
      .getByRole("link", { name: /studio lighting/ })
      .click();
    await expect(page).toHaveURL(/tag=studio\+lighting/);
    await expect(page.getByTestId("dataset-member")).toHaveCount(2);

    // Remove one image, then freeze: the version holds the three left.
    await page.getByTestId("dataset-member").first().getByRole("checkbox").check();
    await page.getByRole("button", { name: "Remove selected…" }).click();
    await page.getByRole("button", { name: "Remove", exact: true }).click();
    await expect(page.getByText("1 removed")).toBeVisible();
    await expect(page.getByTestId("dataset-member")).toHaveCount(1);
    await page.goto(`/datasets/${id}`);
    await page.getByRole("button", { name: "Freeze a version" }).click();
    await expect(page.getByTestId("dataset-version")).toContainText("v1 · 3 images");
    // Nothing wider than the screen on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      viewport.width,
    );
    // Off the button just clicked: axe judges the hover colours too.
    await page.mouse.move(0, 0);
    await shoot(page, "dataset-workbench", size);
    await expectNoSeriousAxeViolations(page, `dataset workbench (${size})`);
    await page.context().close();
  });
}

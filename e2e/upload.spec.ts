import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { adminPage, setDeriveState } from "./support";

const noisePng = (edge: number) =>
  sharp(randomBytes(edge * edge * 3), { raw: { width: edge, height: edge, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();

test("the upload page stores small files through a server action and large ones through a direct PUT", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await adminPage(browser);
  await page.goto("/upload");
  await page.getByLabel("Run (optional)").fill("upload-page-run");
  await page.getByLabel("Tags (optional, comma-separated)").fill("from-upload-page");
  const small = await noisePng(64);
  const large = await noisePng(1300);
  expect(large.length).toBeGreaterThan(4 * 1024 * 1024);
  await page.locator("input[type=file][accept]").setInputFiles([
    { name: "small.png", mimeType: "image/png", buffer: small },
    { name: "large.png", mimeType: "image/png", buffer: large },
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not an image") },
  ]);
  await expect(page.getByRole("status")).toContainText(
    "2 stored · 0 already in the library · 1 failed · 0 to go",
    { timeout: 60_000 },
  );
  await expect(page.locator("[data-testid=upload-row][data-state=failed]")).toContainText(
    "Not a PNG, JPEG, WebP or AVIF file",
  );
  await page.screenshot({ path: "test-results/upload.png", fullPage: true });

  await page
    .locator("input[type=file][accept]")
    .setInputFiles([{ name: "again.png", mimeType: "image/png", buffer: small }]);
  await expect(page.locator("[data-testid=upload-row]").last()).toHaveAttribute("data-state", "duplicate", {
    timeout: 30_000,
  });

  await page.locator("[data-testid=upload-row][data-state=stored] a").first().click();
  await expect(page).toHaveURL(/\/images\/[0-9a-f-]{36}$/);
  await expect(page.getByText("upload-page-run")).toBeVisible();

  // The thumbnail is a worker's (after the answer): a tile waiting for it pulses, and the thumb appears without
  // a reload once the worker committed it (the state is set here, so the wait is not a race with the worker).
  const id = page.url().split("/").pop() ?? "";
  await setDeriveState(id, "pending");
  await page.goto("/");
  const tile = page.locator(`[data-testid=gallery-tile][data-tile-id="${id}"]`);
  await expect(tile.locator("[data-derive-state=pending]")).toBeVisible();
  await expect(tile.locator("img")).not.toHaveAttribute("src");
  await setDeriveState(id, "done");
  await expect(tile.locator("img")).toHaveAttribute("src", /\S/, { timeout: 15_000 });
  await expect(tile.locator("[data-derive-state]")).toHaveCount(0);

  // An original the worker could not decode is said so on its page, never a broken image.
  await setDeriveState(id, "failed", "VipsJpeg: premature end of input");
  await page.goto(`/images/${id}`);
  await expect(page.getByRole("alert").filter({ hasText: "could not be decoded" })).toContainText(
    "could not be decoded (VipsJpeg: premature end of input)",
  );
  await setDeriveState(id, "done");
});

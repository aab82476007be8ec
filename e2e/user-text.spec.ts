import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { adminPage, createApiKeyViaUi, failOnDialog } from "./support";

const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)> ${Date.now()}`;

test("prompts are rendered as text in every view: no injected script runs", async ({ browser, request }) => {
  const admin = await adminPage(browser);
  failOnDialog(admin);
  const key = await createApiKeyViaUi(admin, "hostile-poster", ["ingest", "read"]);
  const png = await sharp(randomBytes(32 * 32 * 3), { raw: { width: 32, height: 32, channels: 3 } })
    .png()
    .toBuffer();
  const posted = await request.post("/api/v1/images", {
    headers: { authorization: `Bearer ${key}` },
    multipart: {
      file: { name: "hostile.png", mimeType: "image/png", buffer: png },
      metadata: JSON.stringify({ prompt: HOSTILE, negative_prompt: HOSTILE, tags: ["<b>bold</b>"] }),
    },
  });
  expect(posted.status()).toBe(201);
  const { id } = (await posted.json()) as { id: string };

  await admin.goto("/");
  await expect(admin.getByTestId("grid-prompt").filter({ hasText: HOSTILE })).toHaveCount(1);
  await admin.screenshot({ path: "test-results/user-text-gallery.png", fullPage: true });

  await admin.goto(`/images/${id}`);
  await expect(admin.getByTestId("image-prompt")).toHaveText(HOSTILE);
  await expect(admin.locator("img[src=x]")).toHaveCount(0);
  await admin.screenshot({ path: "test-results/user-text-image-page.png", fullPage: true });
});

import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { adminPage, createApiKeyViaUi } from "./support";

test("an admin deletes, restores and finally purges an image from its page", async ({ browser, request }) => {
  const admin = await adminPage(browser);
  const key = await createApiKeyViaUi(admin, "lifecycle", ["ingest", "read"]);
  const png = await sharp(randomBytes(20 * 20 * 3), { raw: { width: 20, height: 20, channels: 3 } })
    .png()
    .toBuffer();
  const prompt = `short-lived ${Date.now()}`;
  const posted = await request.post("/api/v1/images", {
    headers: { authorization: `Bearer ${key}` },
    multipart: {
      file: { name: "l.png", mimeType: "image/png", buffer: png },
      metadata: JSON.stringify({ prompt }),
    },
  });
  const { id } = (await posted.json()) as { id: string };
  const inGallery = async () => {
    await admin.goto(`/?q=${encodeURIComponent(prompt)}`);
    return admin.getByText(prompt).count();
  };

  await admin.goto(`/images/${id}`);
  await admin.getByTestId("lifecycle").getByRole("button", { name: "Delete" }).click();
  await expect(admin.getByText("This image is deleted")).toBeVisible();
  expect(await inGallery()).toBe(0);

  await admin.goto(`/images/${id}`);
  await admin.getByRole("button", { name: "Restore" }).click();
  await expect(admin.getByText("This image is deleted")).toHaveCount(0);
  expect(await inGallery()).toBe(1);

  await admin.goto(`/images/${id}`);
  await admin.getByTestId("lifecycle").getByRole("button", { name: "Delete" }).click();
  admin.once("dialog", (dialog) => dialog.accept());
  await admin.getByRole("button", { name: "Purge for good" }).click();
  await expect(admin).toHaveURL(/notice=purged/);
  const gone = await request.get(`/api/v1/images/${id}`, { headers: { authorization: `Bearer ${key}` } });
  expect(gone.status()).toBe(404);
});

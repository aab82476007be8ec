import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { adminPage, createApiKeyViaUi } from "./support";

test("a LoRA registered on the dataset page links the images naming it: the version's figure and the image's line", async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const admin = await adminPage(browser);
  const key = await createApiKeyViaUi(admin, "lineage-seeder", ["ingest", "admin"]);
  const headers = { authorization: `Bearer ${key}` };
  const suffix = randomBytes(4).toString("hex");
  const imageIds: string[] = [];
  for (let index = 0; index < 2; index += 1) {
    const png = await sharp(randomBytes(16 * 16 * 3), { raw: { width: 16, height: 16, channels: 3 } })
      .png()
      .toBuffer();
    const posted = await request.post("/api/v1/images", {
      headers,
      multipart: {
        file: { name: `l${index}.png`, mimeType: "image/png", buffer: png },
        metadata: JSON.stringify({
          prompt: "a face",
          loras: [{ name: `face_${suffix}.safetensors`, weight: 0.8 }],
        }),
      },
    });
    expect(posted.status()).toBe(201);
    imageIds.push((await posted.json()).id);
  }
  const name = `faces-${suffix}`;
  const dataset = await request.post("/api/v1/datasets", { headers, data: { name, image_ids: imageIds } });
  const datasetId = (await dataset.json()).id;
  expect((await request.post(`/api/v1/datasets/${datasetId}/versions`, { headers, data: {} })).status()).toBe(
    201,
  );

  await admin.goto(`/datasets/${datasetId}`);
  await admin.getByLabel("Model name").fill(`face lora ${suffix}`);
  await admin.getByLabel("File name").fill(`loras/face_${suffix}.safetensors`);
  await admin.getByRole("button", { name: "Register model" }).click();
  await expect(admin.getByText("Registered; 2 stored images name it")).toBeVisible();
  await expect(admin.getByTestId("version-lineage")).toContainText("v1: 2 images · none decided yet");

  await admin.goto(`/images/${imageIds[0]}`);
  await expect(admin.getByTestId("image-lineage")).toContainText(
    `LoRA face lora ${suffix}, trained on dataset ${name} v1 (by file name)`,
  );
});

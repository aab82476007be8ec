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

  const gallery = await admin.goto("/");
  await expect(admin.getByTestId("grid-prompt").filter({ hasText: HOSTILE })).toHaveCount(1);
  // The page's CSP names a nonce of its own, and the scripts the server wrote carry it: an injected one would not.
  const nonce = gallery
    ?.headers()
    ["content-security-policy"]?.match(/script-src 'self' 'nonce-([^']+)'/)?.[1];
  expect(nonce).toBeTruthy();
  const nonces = await admin
    .locator("script")
    .evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
  expect(nonces.filter((value) => value === nonce).length).toBeGreaterThan(0);
  expect(nonces.filter((value) => value && value !== nonce)).toEqual([]);
  await admin.screenshot({ path: "test-results/user-text-gallery.png", fullPage: true });

  // A server action called by script is answered in React's flight format, not a document: it gets no policy.
  const action = await admin.request.post("/review", {
    headers: {
      origin: new URL(admin.url()).origin,
      "next-action": "0".repeat(42),
      "content-type": "text/plain;charset=UTF-8",
    },
    data: "[]",
  });
  expect(action.status()).toBeLessThan(500);
  expect(action.headers()["content-security-policy"]).toBeUndefined();

  const imagePage = await admin.goto(`/images/${id}`);
  expect(imagePage?.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  await expect(admin.getByTestId("image-prompt")).toHaveText(HOSTILE);
  await expect(admin.locator("img[src=x]")).toHaveCount(0);
  await admin.screenshot({ path: "test-results/user-text-image-page.png", fullPage: true });
});
